import { Button, Group, NumberInput, Select, SimpleGrid, Stack, TextInput, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { useCreateModule, useUpdateModule, type ModuleInput } from '../../api/curriculum.ts';
import { MODULE_TOPICS, type CurriculumModule, type ModuleTopic } from '../../api/types.ts';
import { applyServerErrors, orNull } from '../../forms/server-errors.ts';
import { notifySuccess } from '../../notify.ts';

type Values = { code: string; titleId: string; titleEn: string; topic: ModuleTopic | null; durationMinutes: number | string; description: string };

export function ModuleForm({ programmeId, module, onDone }: { programmeId: string; module?: CurriculumModule; onDone: () => void }) {
  const { t } = useTranslation();
  const create = useCreateModule(programmeId);
  const update = useUpdateModule(programmeId);
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: {
      code: module?.code ?? '',
      titleId: module?.title.id ?? '',
      titleEn: module?.title.en ?? '',
      topic: module?.topic ?? null,
      durationMinutes: module?.durationMinutes ?? 90,
      description: module?.description ?? '',
    },
    validate: {
      code: (value) => (value.trim() ? null : t('validation.required')),
      titleId: (value) => (value.trim() ? null : t('validation.required')),
      titleEn: (value) => (value.trim() ? null : t('validation.required')),
      topic: (value) => (value ? null : t('validation.required')),
      durationMinutes: (value) => (typeof value === 'number' && value >= 1 ? null : t('validation.positiveNumber')),
    },
  });

  const submit = form.onSubmit((values) => {
    const input: ModuleInput = {
      code: values.code.trim().toUpperCase(),
      title: { id: values.titleId.trim(), en: values.titleEn.trim() },
      topic: values.topic as ModuleTopic,
      durationMinutes: Number(values.durationMinutes),
      description: orNull(values.description),
    };
    const onError = (error: Error) => applyServerErrors(form, error, { title: 'titleId' });
    const done = (message: string) => {
      notifySuccess(message);
      onDone();
    };
    if (module) update.mutate({ id: module.id, input }, { onSuccess: () => done(t('common.saved')), onError });
    else create.mutate(input, { onSuccess: (created) => done(t('curriculum.added', { code: created.code })), onError });
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput
            label={t('curriculum.fields.code')}
            description={t('curriculum.codeHint')}
            required
            autoComplete="off"
            {...form.getInputProps('code')}
            onChange={(event) => form.setFieldValue('code', event.currentTarget.value.toUpperCase())}
          />
          <Select
            label={t('curriculum.fields.topic')}
            required
            placeholder={t('common.choose')}
            data={MODULE_TOPICS.map((value) => ({ value, label: t(`topic.${value}`) }))}
            {...form.getInputProps('topic')}
          />
          <TextInput label={t('curriculum.fields.titleId')} required autoComplete="off" {...form.getInputProps('titleId')} />
          <TextInput label={t('curriculum.fields.titleEn')} required autoComplete="off" {...form.getInputProps('titleEn')} />
          <NumberInput label={t('curriculum.fields.duration')} description={t('curriculum.durationHint')} required min={1} max={10_000} step={15} allowDecimal={false} {...form.getInputProps('durationMinutes')} />
        </SimpleGrid>
        <Textarea label={t('curriculum.fields.description')} autosize minRows={2} maxRows={6} {...form.getInputProps('description')} />
        <Group justify="flex-end" mt="sm">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={create.isPending || update.isPending}>
            {module ? t('common.save') : t('curriculum.add')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

import { Button, Group, Select, SimpleGrid, Stack, TextInput, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { useCreateProgramme, useUpdateProgramme } from '../api/programmes.ts';
import { PROGRAMME_STATUSES, type Programme, type ProgrammeStatus } from '../api/types.ts';
import { OrganisationPicker } from '../components/OrganisationPicker.tsx';
import { applyServerErrors, orNull } from '../forms/server-errors.ts';

type Values = {
  code: string;
  name: string;
  ownerOrganisationId: string | null;
  startDate: string;
  endDate: string;
  status: ProgrammeStatus;
  description: string;
};

function initialValues(programme?: Programme): Values {
  return {
    code: programme?.code ?? '',
    name: programme?.name ?? '',
    ownerOrganisationId: programme?.owner.id ?? null,
    startDate: programme?.startDate ?? '',
    endDate: programme?.endDate ?? '',
    status: programme?.status ?? 'draft',
    description: programme?.description ?? '',
  };
}

type ProgrammeFormProps = {
  /** Absent when creating. */
  programme?: Programme;
  onSaved: (programme: Programme) => void;
  onCancel: () => void;
};

/** Create or edit a programme. On refusal the server's messages land on the fields and the input stays. */
export function ProgrammeForm({ programme, onSaved, onCancel }: ProgrammeFormProps) {
  const { t } = useTranslation();
  const create = useCreateProgramme();
  const update = useUpdateProgramme(programme?.id ?? '');
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: initialValues(programme),
    validate: {
      code: (value) => (programme || value.trim() ? null : t('validation.required')),
      name: (value) => (value.trim() ? null : t('validation.required')),
    },
  });

  const submit = form.onSubmit((values) => {
    const fields = {
      name: values.name.trim(),
      description: orNull(values.description),
      ownerOrganisationId: values.ownerOrganisationId ?? undefined,
      startDate: orNull(values.startDate),
      endDate: orNull(values.endDate),
      status: values.status,
    };
    const onError = (error: Error) => applyServerErrors(form, error);
    if (programme) update.mutate(fields, { onSuccess: onSaved, onError });
    else create.mutate({ ...fields, code: values.code.trim() }, { onSuccess: onSaved, onError });
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          {!programme && (
            <TextInput
              label={t('programmes.fields.code')}
              description={t('programmes.codeHint')}
              required
              {...form.getInputProps('code')}
              onChange={(event) => form.setFieldValue('code', event.currentTarget.value.toUpperCase())}
            />
          )}
          <TextInput label={t('programmes.fields.name')} required {...form.getInputProps('name')} />
          <OrganisationPicker
            label={t('programmes.fields.owner')}
            description={t('programmes.ownerHint')}
            initialOption={programme ? { value: programme.owner.id, label: programme.owner.name } : undefined}
            {...form.getInputProps('ownerOrganisationId')}
            value={form.values.ownerOrganisationId}
          />
          <Select
            label={t('programmes.fields.status')}
            data={PROGRAMME_STATUSES.map((value) => ({ value, label: t(`programmeStatus.${value}`) }))}
            allowDeselect={false}
            {...form.getInputProps('status')}
          />
          <TextInput type="date" label={t('programmes.fields.startDate')} {...form.getInputProps('startDate')} />
          <TextInput type="date" label={t('programmes.fields.endDate')} {...form.getInputProps('endDate')} />
        </SimpleGrid>
        <Textarea label={t('programmes.fields.description')} autosize minRows={3} maxRows={10} {...form.getInputProps('description')} />
        <Group justify="flex-end" mt="sm">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={create.isPending || update.isPending}>
            {programme ? t('common.save') : t('programmes.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

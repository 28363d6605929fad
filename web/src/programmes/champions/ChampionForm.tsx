import { Button, Group, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { useCreateChampion } from '../../api/champions.ts';
import { CHAMPION_CATEGORIES, GENDERS, type ChampionCategory } from '../../api/types.ts';
import type { UseFormReturnType } from '@mantine/form';
import { isApiError } from '../../api/client.ts';
import { notifySuccess } from '../../notify.ts';

/** Person fields come back as `person.phone` (schema) or `phone` (registry rules): both land on the `phone` input. */
function applyPersonErrors(form: UseFormReturnType<Values>, error: unknown): void {
  if (!isApiError(error)) return;
  const errors: Record<string, string> = {};
  for (const [path, message] of Object.entries(error.fields)) errors[path.replace(/^person\./, '').split('.')[0] ?? path] = message;
  if (Object.keys(errors).length > 0) form.setErrors(errors);
}

type Values = { category: ChampionCategory; name: string; phone: string; nik: string; email: string; gender: string | null };

/** A digital champion (youth, religious leader, community figure): a person of the programme with a referral link. */
export function ChampionForm({ programmeId, onDone }: { programmeId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const create = useCreateChampion(programmeId);
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: { category: 'youth', name: '', phone: '', nik: '', email: '', gender: null },
    validate: {
      name: (value) => (value.trim() ? null : t('validation.required')),
      phone: (value, values) => (value.trim() || values.nik.trim() ? null : t('trainees.identityRequired')),
    },
  });
  const submit = form.onSubmit((values) =>
    create.mutate(
      {
        category: values.category,
        person: {
          name: values.name.trim(),
          phone: values.phone.trim(),
          nik: values.nik.trim(),
          email: values.email.trim(),
          gender: values.gender === 'female' || values.gender === 'male' ? values.gender : '',
        },
      },
      {
        onSuccess: (champion) => {
          notifySuccess(t('champions.created', { name: champion.name ?? values.name.trim() }));
          onDone();
        },
        onError: (error) => applyPersonErrors(form, error),
      },
    ),
  );
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Select
          label={t('champions.fields.category')}
          allowDeselect={false}
          data={CHAMPION_CATEGORIES.map((value) => ({ value, label: t(`championCategory.${value}`) }))}
          {...form.getInputProps('category')}
        />
        <TextInput label={t('trainees.fields.name')} required autoComplete="off" {...form.getInputProps('name')} />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput label={t('participants.fields.phone')} description={t('participants.phoneHint')} type="tel" autoComplete="off" {...form.getInputProps('phone')} />
          <TextInput label={t('participants.fields.nik')} description={t('participants.identityHint')} inputMode="numeric" autoComplete="off" {...form.getInputProps('nik')} />
          <TextInput label={t('participants.fields.email')} type="email" autoComplete="off" {...form.getInputProps('email')} />
          <Select label={t('participants.fields.gender')} clearable data={GENDERS.map((value) => ({ value, label: t(`gender.${value}`) }))} {...form.getInputProps('gender')} />
        </SimpleGrid>
        <Group justify="flex-end" mt="sm">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={create.isPending}>
            {t('champions.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

import { Button, Group, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { useRegisterPerson } from '../../api/cascade.ts';
import { GENDERS, TRAINEE_KINDS, type TraineeKind } from '../../api/types.ts';
import { applyServerErrors, orNull } from '../../forms/server-errors.ts';
import { notifySuccess } from '../../notify.ts';

type Values = { kind: TraineeKind; name: string; phone: string; nik: string; email: string; gender: string | null; institution: string; unit: string; position: string };

/** Government staff (e.g. humas Pemda: institution, unit, position), a trainer or another trainee: a person without a business. */
export function RegisterPersonForm({ programmeId, onDone }: { programmeId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const register = useRegisterPerson(programmeId);
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: { kind: 'government_staff', name: '', phone: '', nik: '', email: '', gender: null, institution: '', unit: '', position: '' },
    validate: {
      name: (value) => (value.trim() ? null : t('validation.required')),
      phone: (value, values) => (value.trim() || values.nik.trim() ? null : t('trainees.identityRequired')),
      institution: (value, values) => (values.kind !== 'government_staff' || value.trim() ? null : t('validation.required')),
    },
  });
  const government = form.values.kind === 'government_staff';

  const submit = form.onSubmit((values) =>
    register.mutate(
      {
        kind: values.kind,
        name: values.name.trim(),
        phone: values.phone.trim(),
        nik: values.nik.trim(),
        email: values.email.trim(),
        gender: values.gender === 'female' || values.gender === 'male' ? values.gender : '',
        institution: orNull(values.institution),
        unit: orNull(values.unit),
        position: orNull(values.position),
      },
      {
        onSuccess: (result) => {
          notifySuccess(result.alreadyEnrolled ? t('trainees.alreadyEnrolled', { name: values.name.trim() }) : t('trainees.added', { name: values.name.trim() }));
          onDone();
        },
        onError: (error) => applyServerErrors(form, error),
      },
    ),
  );

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Select
          label={t('trainees.kindColumn')}
          allowDeselect={false}
          data={TRAINEE_KINDS.filter((k) => k !== 'champion').map((value) => ({ value, label: t(`personKind.${value}`) }))}
          {...form.getInputProps('kind')}
        />
        <TextInput label={t('trainees.fields.name')} required autoComplete="off" {...form.getInputProps('name')} />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput label={t('participants.fields.phone')} description={t('participants.phoneHint')} type="tel" autoComplete="off" {...form.getInputProps('phone')} />
          <TextInput label={t('participants.fields.nik')} description={t('participants.identityHint')} inputMode="numeric" autoComplete="off" {...form.getInputProps('nik')} />
          <TextInput label={t('participants.fields.email')} type="email" autoComplete="off" {...form.getInputProps('email')} />
          <Select label={t('participants.fields.gender')} clearable data={GENDERS.map((value) => ({ value, label: t(`gender.${value}`) }))} {...form.getInputProps('gender')} />
        </SimpleGrid>
        {government && (
          <>
            <TextInput label={t('trainees.fields.institution')} description={t('trainees.institutionHint')} required {...form.getInputProps('institution')} />
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
              <TextInput label={t('trainees.fields.unit')} placeholder={t('trainees.unitPlaceholder')} {...form.getInputProps('unit')} />
              <TextInput label={t('trainees.fields.position')} {...form.getInputProps('position')} />
            </SimpleGrid>
          </>
        )}
        <Group justify="flex-end" mt="sm">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={register.isPending}>
            {t('trainees.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

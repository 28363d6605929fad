import { Button, Group, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { useCreateCertification, useRegisterPerson } from '../../api/cascade.ts';
import { useTrainers } from '../../api/sessions.ts';
import { GENDERS, type CascadeNode } from '../../api/types.ts';
import { OrganisationPicker } from '../../components/OrganisationPicker.tsx';
import { applyServerErrors } from '../../forms/server-errors.ts';
import { todayInJakarta } from '../../format/time-zone.ts';
import { notifySuccess } from '../../notify.ts';

type Values = {
  name: string;
  phone: string;
  nik: string;
  gender: string | null;
  organisationId: string | null;
  userId: string | null;
  parentId: string | null;
  certifiedOn: string;
};

/**
 * Records a certified trainer outside a ToT session: a master trainer (no parent), or one
 * certified elsewhere under a trainer of the tree. The person is registered first (kind
 * `trainer`, NIK or phone as in the roster), then certified.
 */
export function MasterTrainerForm({ programmeId, trainers, onDone, onCancel }: { programmeId: string; trainers: CascadeNode[]; onDone: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const accounts = useTrainers(programmeId);
  const register = useRegisterPerson(programmeId);
  const certify = useCreateCertification(programmeId);
  const linked = new Set(trainers.map((n) => n.trainer.userId).filter(Boolean));
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: { name: '', phone: '', nik: '', gender: null, organisationId: null, userId: null, parentId: null, certifiedOn: todayInJakarta() },
    validate: {
      name: (value) => (value.trim() ? null : t('validation.required')),
      phone: (value, values) => (value.trim() || values.nik.trim() ? null : t('trainees.identityRequired')),
      certifiedOn: (value) => (value ? null : t('validation.required')),
    },
  });

  const submit = form.onSubmit(async (values) => {
    try {
      const person = await register.mutateAsync({
        kind: 'trainer',
        name: values.name.trim(),
        phone: values.phone.trim(),
        nik: values.nik.trim(),
        gender: values.gender === 'female' || values.gender === 'male' ? values.gender : '',
      });
      await certify.mutateAsync({ personId: person.personId, userId: values.userId, organisationId: values.organisationId, parentId: values.parentId, certifiedOn: values.certifiedOn });
      notifySuccess(t('cascade.masterAdded', { name: values.name.trim() }));
      onDone();
    } catch (error) {
      applyServerErrors(form, error);
    }
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <TextInput label={t('trainees.fields.name')} required autoComplete="off" {...form.getInputProps('name')} />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput label={t('participants.fields.phone')} description={t('participants.phoneHint')} type="tel" autoComplete="off" {...form.getInputProps('phone')} />
          <TextInput label={t('participants.fields.nik')} description={t('participants.identityHint')} inputMode="numeric" autoComplete="off" {...form.getInputProps('nik')} />
          <Select
            label={t('participants.fields.gender')}
            clearable
            data={GENDERS.map((value) => ({ value, label: t(`gender.${value}`) }))}
            {...form.getInputProps('gender')}
          />
          <TextInput type="date" label={t('cascade.fields.certifiedOn')} required {...form.getInputProps('certifiedOn')} />
        </SimpleGrid>
        <OrganisationPicker
          label={t('cascade.fields.organisation')}
          clearable
          value={form.values.organisationId}
          onChange={(id) => form.setFieldValue('organisationId', id)}
          error={form.errors.organisationId}
        />
        <Select
          label={t('cascade.fields.account')}
          description={t('cascade.accountHint')}
          clearable
          searchable
          placeholder={t('cascade.noAccountYet')}
          data={(accounts.data?.items ?? []).filter((a) => !linked.has(a.id)).map((a) => ({ value: a.id, label: `${a.name} (${a.email})` }))}
          nothingFoundMessage={t('sessions.noTrainers')}
          {...form.getInputProps('userId')}
        />
        <Select
          label={t('cascade.fields.parent')}
          description={t('cascade.parentHint')}
          clearable
          searchable
          placeholder={t('cascade.noParent')}
          data={trainers.map((n) => ({ value: n.id, label: n.trainer.name ?? t('cascade.unnamedTrainer') }))}
          {...form.getInputProps('parentId')}
        />
        <Group justify="flex-end" mt="sm">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={register.isPending || certify.isPending}>
            {t('cascade.saveMaster')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

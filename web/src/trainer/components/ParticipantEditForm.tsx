import { Alert, Box, Button, Group, NativeSelect, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { GENDERS } from '../../api/types.ts';
import { useSectorLabel } from '../../programmes/targets/indicator-label.ts';
import { editChanges, editProblems, type EditProblem } from '../edit-rules.ts';
import { useTrainerReference } from '../offline/cached.ts';
import { bindField } from './form-field.ts';
import type { EditValues, KnownValues } from '../offline/edit-record.ts';

type FormValues = KnownValues & Record<'nik' | 'email' | 'sector' | 'nib' | 'address' | 'regency', string>;
type Field = keyof FormValues;

function startValues(known: KnownValues, retry: EditValues | undefined): FormValues {
  const values: FormValues = { ...known, nik: '', email: '', sector: '', nib: '', address: '', regency: '' };
  return { ...values, ...retry } as FormValues;
}

/**
 * Edit a participant from the roster, also without signal. The fields the device holds (from
 * the roster) are filled in; the others are typed only to change them. Checked here with the
 * registry's rules and messages; a refusal at sync comes back with the server's messages on the
 * fields. Loaded on demand: not part of the app's first load.
 */
export function ParticipantEditForm({ known, hasNik, maskedNik, retry, serverErrors, onSubmit, onCancel }: {
  /** What the device knows of the person (roster copy and this device's edits not yet in it). */
  known: KnownValues;
  /** The server holds a NIK (shown masked): the phone may be cleared. */
  hasNik: boolean;
  maskedNik: string | null;
  /** The refused edit's values, when correcting it. */
  retry?: EditValues;
  serverErrors?: Record<string, string> | null;
  onSubmit: (changes: EditValues) => Promise<void>;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const sectorLabel = useSectorLabel();
  const reference = useTrainerReference();
  const [values, setValues] = useState<FormValues>(() => startValues(known, retry));
  const [problems, setProblems] = useState<Partial<Record<Field, EditProblem>>>({});
  const [nothing, setNothing] = useState(false);
  const [saving, setSaving] = useState(false);
  const sectors = reference.data?.data.sectors ?? [];

  const message = (name: Field) => {
    const problem = problems[name];
    if (problem === 'required') return t('validation.required');
    if (problem) return t(`trainer.edit.problems.${problem}`);
    return serverErrors?.[name];
  };
  const field = bindField(values, setValues, message);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const changes = editChanges(values, known);
    const found = editProblems(changes, known, hasNik);
    setProblems(found);
    setNothing(Object.keys(changes).length === 0);
    if (Object.keys(found).length > 0 || Object.keys(changes).length === 0) return;
    setSaving(true);
    try {
      await onSubmit(changes);
    } finally {
      setSaving(false);
    }
  };

  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {t('trainer.edit.intro')}
        </Text>
        {serverErrors && Object.keys(serverErrors).length > 0 && (
          <Alert color="red" role="alert">
            {t('trainer.edit.refused')}
          </Alert>
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput label={t('participants.fields.ownerName')} required autoComplete="off" {...field('ownerName')} />
          <TextInput label={t('participants.fields.businessName')} required autoComplete="off" {...field('businessName')} />
          <TextInput label={t('participants.fields.phone')} description={t('participants.phoneHint')} type="tel" inputMode="tel" autoComplete="off" {...field('phone')} />
          {/* A native select: the phone's own picker, and no popover code in the app's budget. */}
          <NativeSelect
            label={t('participants.fields.gender')}
            data={[{ value: '', label: t('common.none') }, ...GENDERS.map((value) => ({ value, label: t(`gender.${value}`) }))]}
            value={values.gender}
            error={serverErrors?.gender}
            onChange={(event) => {
              const value = event.currentTarget.value;
              setValues((v) => ({ ...v, gender: value === 'female' || value === 'male' ? value : '' }));
            }}
          />
        </SimpleGrid>
        <Box component="fieldset" m={0} p="xs" style={{ border: '1px solid var(--mantine-color-gray-3)', borderRadius: 'var(--mantine-radius-sm)' }}>
          <Text component="legend" size="sm" fw={600} px={4}>
            {t('trainer.edit.more')}
          </Text>
          <Text size="xs" c="dimmed" mb="xs">
            {t('trainer.edit.moreHint')}
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <TextInput
              label={t('participants.fields.nik')}
              description={maskedNik ? t('participants.nikMaskedHint', { nik: maskedNik }) : t('participants.identityHint')}
              inputMode="numeric"
              autoComplete="off"
              maxLength={40}
              {...field('nik')}
            />
            <TextInput label={t('participants.fields.email')} type="email" autoComplete="off" {...field('email')} />
            <NativeSelect
              label={t('participants.fields.sector')}
              data={[{ value: '', label: t('trainer.edit.unchanged') }, ...sectors.map((value) => ({ value, label: sectorLabel(value) }))]}
              {...field('sector')}
            />
            <TextInput label={t('participants.fields.nib')} description={t('participants.nibHint')} inputMode="numeric" autoComplete="off" {...field('nib')} />
            <TextInput label={t('participants.fields.regency')} autoComplete="off" {...field('regency')} />
            <TextInput label={t('participants.fields.address')} autoComplete="off" {...field('address')} />
          </SimpleGrid>
        </Box>
        {nothing && (
          <Text size="sm" c="orange.9" role="status">
            {t('trainer.edit.nothing')}
          </Text>
        )}
        <Group justify="flex-end" mt="xs">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={saving}>
            {t('trainer.edit.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

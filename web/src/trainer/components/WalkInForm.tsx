import { Alert, Button, Group, NativeSelect, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { GENDERS } from '../../api/types.ts';
import { useSectorLabel } from '../../programmes/targets/indicator-label.ts';
import { useTrainerReference } from '../offline/cached.ts';
import { bindField } from './form-field.ts';
import type { WalkInValues } from '../offline/outbox-record.ts';
import { walkInProblems, type WalkInProblem } from '../walk-in-rules.ts';

const emptyValues = (regency: string): WalkInValues => ({ ownerName: '', businessName: '', nik: '', phone: '', gender: '', sector: '', regency });

/**
 * A participant who came without being on the roster. Checked here with the registry's rules (so
 * that a typo shows at once, also offline), queued, and registered by the server when it syncs;
 * a refusal then comes back with the server's messages on the fields.
 */
export function WalkInForm({ regency, initial, serverErrors, onSubmit, onCancel }: {
  /** The session site's regency, suggested. */
  regency: string;
  initial?: WalkInValues;
  serverErrors?: Record<string, string> | null;
  onSubmit: (values: WalkInValues) => Promise<void>;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const sectorLabel = useSectorLabel();
  const reference = useTrainerReference();
  const [values, setValues] = useState<WalkInValues>(initial ?? emptyValues(regency));
  const [problems, setProblems] = useState<Partial<Record<keyof WalkInValues, WalkInProblem>>>({});
  const [saving, setSaving] = useState(false);
  const sectors = reference.data?.data.sectors ?? [];

  const message = (field: keyof WalkInValues) => {
    const problem = problems[field];
    if (problem) return t(`trainer.walkIn.problems.${problem}`);
    return serverErrors?.[field];
  };
  const field = bindField(values, setValues, message);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = walkInProblems(values);
    setProblems(found);
    if (Object.keys(found).length > 0) return;
    setSaving(true);
    try {
      await onSubmit({ ...values, ownerName: values.ownerName.trim(), businessName: values.businessName.trim(), nik: values.nik.trim(), phone: values.phone.trim(), regency: values.regency.trim() });
    } finally {
      setSaving(false);
    }
  };

  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      <Stack gap="sm">
        {serverErrors && Object.keys(serverErrors).length > 0 && (
          <Alert color="red" role="alert">
            {t('trainer.walkIn.refused')}
          </Alert>
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput label={t('participants.fields.ownerName')} required autoComplete="off" {...field('ownerName')} />
          <TextInput label={t('participants.fields.businessName')} required autoComplete="off" {...field('businessName')} />
          <TextInput label={t('participants.fields.phone')} description={t('participants.phoneHint')} type="tel" inputMode="tel" autoComplete="off" {...field('phone')} />
          <TextInput label={t('participants.fields.nik')} description={t('participants.identityHint')} inputMode="numeric" autoComplete="off" maxLength={40} {...field('nik')} />
          {/* Native selects: the phone's own picker, and no popover code in the app's budget. */}
          <NativeSelect
            label={t('participants.fields.gender')}
            data={[{ value: '', label: t('common.choose') }, ...GENDERS.map((value) => ({ value, label: t(`gender.${value}`) }))]}
            value={values.gender}
            onChange={(event) => {
              const value = event.currentTarget.value;
              setValues((v) => ({ ...v, gender: value === 'female' || value === 'male' ? value : '' }));
            }}
          />
          <NativeSelect
            label={t('participants.fields.sector')}
            data={[{ value: '', label: t('common.choose') }, ...sectors.map((value) => ({ value, label: sectorLabel(value) }))]}
            value={values.sector}
            onChange={(event) => {
              const value = event.currentTarget.value;
              setValues((v) => ({ ...v, sector: value }));
            }}
            error={serverErrors?.sector}
          />
        </SimpleGrid>
        <TextInput label={t('trainer.walkIn.regency')} description={t('trainer.walkIn.regencyHint')} required {...field('regency')} />
        <Group justify="flex-end" mt="xs">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={saving}>
            {t('trainer.walkIn.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

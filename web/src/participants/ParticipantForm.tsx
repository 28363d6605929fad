import { Button, Group, Select, SimpleGrid, Stack, TextInput, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { useAddParticipant, useUpdateParticipant, type AddedParticipant, type ParticipantInput } from '../api/participants.ts';
import { useReference } from '../api/reference.ts';
import { GENDERS, type Gender, type ParticipantDetail } from '../api/types.ts';
import { RegionPicker, regionOption } from '../components/RegionPicker.tsx';
import { applyServerErrors } from '../forms/server-errors.ts';
import { useSectorLabel } from '../programmes/targets/indicator-label.ts';
import { fromYesNo, YesNoSelect, type YesNo } from './YesNoSelect.tsx';

type Values = {
  ownerName: string;
  businessName: string;
  nik: string;
  phone: string;
  gender: Gender | null;
  sector: string | null;
  nib: string;
  email: string;
  regency: string | null;
  address: string;
  active: YesNo;
  willing: YesNo;
};

/** The NIK as the server sent it is masked (`3174********0001`) for some roles: never sent back. */
const isMasked = (nik: string | null | undefined): boolean => Boolean(nik?.includes('*'));

function initialValues(participant: ParticipantDetail | undefined): Values {
  const person = participant?.person;
  const msme = participant?.msme;
  return {
    ownerName: person?.name ?? '',
    businessName: msme?.businessName ?? '',
    nik: person?.nik && !isMasked(person.nik) ? person.nik : '',
    phone: person?.phone ?? '',
    gender: person?.gender ?? null,
    sector: msme?.sector ?? null,
    nib: msme?.nib ?? '',
    email: person?.email ?? '',
    regency: msme?.regency?.code ?? null,
    address: msme?.address ?? '',
    active: null,
    willing: null,
  };
}

/** The roster fields of a form as the API takes them; blanks are sent as `''` (cleared). */
function toInput(values: Values): Required<Omit<ParticipantInput, 'active' | 'willing'>> {
  return {
    ownerName: values.ownerName.trim(),
    businessName: values.businessName.trim(),
    nik: values.nik.trim(),
    phone: values.phone.trim(),
    gender: values.gender ?? '',
    sector: values.sector ?? '',
    nib: values.nib.trim(),
    email: values.email.trim(),
    regency: values.regency ?? '',
    address: values.address.trim(),
  };
}

type ParticipantFormProps =
  | { mode: 'add'; programmeId: string; onAdded: (added: AddedParticipant) => void; onCancel: () => void }
  | { mode: 'edit'; participant: ParticipantDetail; onSaved: () => void; onCancel: () => void };

/**
 * Add a participant to a programme, or edit one: the same fields and rules as a roster row,
 * checked by the server, whose field messages land on the inputs.
 */
export function ParticipantForm(props: ParticipantFormProps) {
  const { t } = useTranslation();
  const reference = useReference();
  const sectorLabel = useSectorLabel();
  const participant = props.mode === 'edit' ? props.participant : undefined;
  const add = useAddParticipant(props.mode === 'add' ? props.programmeId : '');
  const update = useUpdateParticipant(participant?.person.id ?? '');
  const initial = initialValues(participant);
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: initial,
    validate: {
      ownerName: (value) => (value.trim() ? null : t('validation.required')),
      businessName: (value) => (value.trim() ? null : t('validation.required')),
      regency: (value) => (value ? null : t('validation.required')),
    },
  });

  const submit = form.onSubmit((values) => {
    const input = toInput(values);
    const onError = (error: Error) => applyServerErrors(form, error);
    if (props.mode === 'add') {
      add.mutate({ ...input, active: fromYesNo(values.active), willing: fromYesNo(values.willing) }, { onSuccess: props.onAdded, onError });
      return;
    }
    // An edit sends only what changed: an untouched masked NIK is never sent back.
    const before = toInput(initial);
    const changes = Object.fromEntries(Object.entries(input).filter(([key, value]) => value !== before[key as keyof typeof before])) as ParticipantInput;
    if (Object.keys(changes).length === 0) {
      props.onSaved();
      return;
    }
    update.mutate(changes, { onSuccess: () => props.onSaved(), onError });
  });

  const maskedNik = participant?.person.nik && isMasked(participant.person.nik) ? participant.person.nik : null;
  const regency = participant?.msme?.regency;

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput label={t('participants.fields.ownerName')} required autoComplete="off" {...form.getInputProps('ownerName')} />
          <TextInput label={t('participants.fields.businessName')} required autoComplete="off" {...form.getInputProps('businessName')} />
          <TextInput
            label={t('participants.fields.nik')}
            description={maskedNik ? t('participants.nikMaskedHint', { nik: maskedNik }) : t('participants.identityHint')}
            inputMode="numeric"
            autoComplete="off"
            maxLength={40}
            {...form.getInputProps('nik')}
          />
          <TextInput label={t('participants.fields.phone')} description={t('participants.phoneHint')} type="tel" autoComplete="off" {...form.getInputProps('phone')} />
          <Select
            label={t('participants.fields.gender')}
            placeholder={t('common.choose')}
            clearable
            data={GENDERS.map((value) => ({ value, label: t(`gender.${value}`) }))}
            {...form.getInputProps('gender')}
          />
          <Select
            label={t('participants.fields.sector')}
            placeholder={t('common.choose')}
            clearable
            data={(reference.data?.sectors ?? []).map((value) => ({ value, label: sectorLabel(value) }))}
            {...form.getInputProps('sector')}
          />
          <TextInput label={t('participants.fields.nib')} description={t('participants.nibHint')} inputMode="numeric" autoComplete="off" {...form.getInputProps('nib')} />
          <TextInput label={t('participants.fields.email')} type="email" autoComplete="off" {...form.getInputProps('email')} />
        </SimpleGrid>
        <RegionPicker
          label={t('participants.fields.regency')}
          description={t('region.hint')}
          required
          initialOptions={regency ? [regionOption({ ...regency, level: 2 })] : []}
          {...form.getInputProps('regency')}
          value={form.values.regency}
        />
        <Textarea label={t('participants.fields.address')} autosize minRows={2} maxRows={5} {...form.getInputProps('address')} />
        {props.mode === 'add' && (
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <YesNoSelect label={t('participants.fields.active')} {...form.getInputProps('active')} value={form.values.active} />
            <YesNoSelect label={t('participants.fields.willing')} {...form.getInputProps('willing')} value={form.values.willing} />
          </SimpleGrid>
        )}
        <Group justify="flex-end" mt="sm">
          <Button variant="default" onClick={props.onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={add.isPending || update.isPending}>
            {props.mode === 'add' ? t('participants.add') : t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

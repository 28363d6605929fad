import { Button, FileInput, Group, Select, SimpleGrid, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client.ts';
import { useCreatePartnership, useUpdatePartnership, useUploadMou } from '../../api/partnerships.ts';
import { PARTNER_ROLES, type Organisation, type Partnership, type PartnerRole } from '../../api/types.ts';
import { OrganisationPicker, organisationOption } from '../../components/OrganisationPicker.tsx';
import { applyServerErrors, orNull } from '../../forms/server-errors.ts';
import { useFormat } from '../../i18n/use-format.ts';
import { notifySuccess } from '../../notify.ts';
import { NewOrganisationInline } from './NewOrganisationInline.tsx';

type Values = {
  organisationId: string | null;
  role: PartnerRole;
  mouNumber: string;
  mouSignedOn: string;
  mouScope: string;
  file: File | null;
};

type PartnerFormProps = {
  programmeId: string;
  /** Absent when adding a partner. */
  partnership?: Partnership;
  /** Organisations already partners, not offered again. */
  existingOrganisationIds: string[];
  onDone: () => void;
};

/**
 * Add or edit a partner with its MoU, and upload the MoU PDF. When the partner is saved but the
 * PDF is refused (too large, not a PDF) the form stays open on the saved partner, so that only
 * the file has to be chosen again.
 */
export function PartnerForm({ programmeId, partnership, existingOrganisationIds, onDone }: PartnerFormProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const create = useCreatePartnership(programmeId);
  const update = useUpdatePartnership(programmeId);
  const upload = useUploadMou(programmeId);
  const [saved, setSaved] = useState<Partnership | undefined>(partnership);
  const [newOrganisation, setNewOrganisation] = useState<Organisation | null>(null);
  const [creatingOrganisation, setCreatingOrganisation] = useState(false);
  const [organisationSearch, setOrganisationSearch] = useState('');
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: {
      organisationId: partnership?.organisation.id ?? null,
      role: partnership?.role ?? 'implementing',
      mouNumber: partnership?.mouNumber ?? '',
      mouSignedOn: partnership?.mouSignedOn ?? '',
      mouScope: partnership?.mouScope ?? '',
      file: null,
    },
    validate: { organisationId: (value) => (value ? null : t('partners.pickOrganisation')) },
  });

  const submit = form.onSubmit(async (values) => {
    const fields = { role: values.role, mouNumber: orNull(values.mouNumber), mouSignedOn: orNull(values.mouSignedOn), mouScope: orNull(values.mouScope) };
    let current = saved;
    try {
      current = current
        ? await update.mutateAsync({ id: current.id, input: fields })
        : await create.mutateAsync({ ...fields, organisationId: values.organisationId ?? '' });
      setSaved(current);
    } catch (error) {
      applyServerErrors(form, error);
      return;
    }
    if (values.file) {
      try {
        await upload.mutateAsync({ id: current.id, file: values.file });
      } catch (error) {
        if (isApiError(error)) form.setFieldError('file', error.message);
        return;
      }
    }
    notifySuccess(t('common.saved'));
    onDone();
  });

  const mouDocument = saved?.mouDocument;
  const pending = create.isPending || update.isPending || upload.isPending;

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        {saved ? (
          <TextInput label={t('partners.fields.organisation')} value={saved.organisation.name} readOnly variant="filled" />
        ) : creatingOrganisation ? (
          <NewOrganisationInline
            initialName={organisationSearch}
            onCancel={() => setCreatingOrganisation(false)}
            onCreated={(organisation) => {
              setNewOrganisation(organisation);
              form.setFieldValue('organisationId', organisation.id);
              form.clearFieldError('organisationId');
              setCreatingOrganisation(false);
              notifySuccess(t('organisations.created', { name: organisation.name }));
            }}
          />
        ) : (
          <Stack gap={4}>
            <OrganisationPicker
              label={t('partners.fields.organisation')}
              required
              excludeIds={existingOrganisationIds}
              initialOption={newOrganisation ? organisationOption(newOrganisation) : undefined}
              onSearchChange={setOrganisationSearch}
              {...form.getInputProps('organisationId')}
              value={form.values.organisationId}
            />
            <Group justify="flex-end">
              <Button variant="subtle" size="compact-sm" onClick={() => setCreatingOrganisation(true)}>
                {t('partners.createOrganisation')}
              </Button>
            </Group>
          </Stack>
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <Select
            label={t('partners.fields.role')}
            data={PARTNER_ROLES.map((value) => ({ value, label: t(`partnerRole.${value}`) }))}
            allowDeselect={false}
            {...form.getInputProps('role')}
          />
          <TextInput label={t('partners.fields.mouNumber')} {...form.getInputProps('mouNumber')} />
          <TextInput type="date" label={t('partners.fields.mouSignedOn')} {...form.getInputProps('mouSignedOn')} />
          <FileInput
            label={t('partners.fields.mouDocument')}
            description={mouDocument ? t('partners.replaceDocument', { name: mouDocument.filename, size: format.bytes(mouDocument.size) }) : t('partners.documentHint')}
            placeholder={t('partners.choosePdf')}
            accept="application/pdf,.pdf"
            clearable
            {...form.getInputProps('file')}
          />
        </SimpleGrid>
        <Textarea label={t('partners.fields.mouScope')} autosize minRows={2} maxRows={8} {...form.getInputProps('mouScope')} />
        {saved && !partnership && (
          <Text size="sm" c="dimmed">
            {t('partners.savedRetryUpload')}
          </Text>
        )}
        <Group justify="flex-end" mt="sm">
          <Button variant="default" onClick={onDone}>
            {saved && !partnership ? t('common.close') : t('common.cancel')}
          </Button>
          <Button type="submit" loading={pending} disabled={creatingOrganisation}>
            {saved ? t('common.save') : t('partners.add')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

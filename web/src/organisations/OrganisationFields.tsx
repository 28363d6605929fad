import { Select, SimpleGrid, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { ORGANISATION_KINDS, type OrganisationKind } from '../api/types.ts';

export type OrganisationValues = { name: string; shortName: string; kind: OrganisationKind; website: string };

export const emptyOrganisation: OrganisationValues = { name: '', shortName: '', kind: 'government', website: '' };

/** The inputs of an organisation, shared by the organisation page and the inline "new organisation" in the partner form. */
export function OrganisationFields({ form, withWebsite = true }: { form: UseFormReturnType<OrganisationValues>; withWebsite?: boolean }) {
  const { t } = useTranslation();
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
      <TextInput label={t('organisations.fields.name')} required {...form.getInputProps('name')} style={{ gridColumn: '1 / -1' }} />
      <TextInput label={t('organisations.fields.shortName')} {...form.getInputProps('shortName')} />
      <Select
        label={t('organisations.fields.kind')}
        data={ORGANISATION_KINDS.map((value) => ({ value, label: t(`organisationKind.${value}`) }))}
        allowDeselect={false}
        {...form.getInputProps('kind')}
      />
      {withWebsite && <TextInput label={t('organisations.fields.website')} placeholder="https://" type="url" {...form.getInputProps('website')} style={{ gridColumn: '1 / -1' }} />}
    </SimpleGrid>
  );
}

import { Button, Group, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { useCreateOrganisation, useUpdateOrganisation } from '../api/organisations.ts';
import type { Organisation } from '../api/types.ts';
import { applyServerErrors, orNull } from '../forms/server-errors.ts';
import { notifySuccess } from '../notify.ts';
import { emptyOrganisation, OrganisationFields, type OrganisationValues } from './OrganisationFields.tsx';

export function OrganisationForm({ organisation, onDone }: { organisation?: Organisation; onDone: () => void }) {
  const { t } = useTranslation();
  const create = useCreateOrganisation();
  const update = useUpdateOrganisation();
  const form = useForm<OrganisationValues>({
    mode: 'controlled',
    initialValues: organisation
      ? { name: organisation.name, shortName: organisation.shortName ?? '', kind: organisation.kind, website: organisation.website ?? '' }
      : emptyOrganisation,
    validate: { name: (value) => (value.trim().length >= 2 ? null : t('validation.minLength', { min: 2 })) },
  });

  const submit = form.onSubmit((values) => {
    const input = { name: values.name.trim(), shortName: orNull(values.shortName), kind: values.kind, website: orNull(values.website) };
    const options = {
      onSuccess: () => {
        notifySuccess(organisation ? t('common.saved') : t('organisations.created', { name: input.name }));
        onDone();
      },
      onError: (error: Error) => applyServerErrors(form, error),
    };
    if (organisation) update.mutate({ id: organisation.id, input }, options);
    else create.mutate(input, options);
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <OrganisationFields form={form} />
        <Group justify="flex-end" mt="sm">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={create.isPending || update.isPending}>
            {organisation ? t('common.save') : t('organisations.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

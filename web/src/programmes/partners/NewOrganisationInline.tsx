import { Button, Group, Paper, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { useCreateOrganisation } from '../../api/organisations.ts';
import type { Organisation } from '../../api/types.ts';
import { applyServerErrors, orNull } from '../../forms/server-errors.ts';
import { emptyOrganisation, OrganisationFields, type OrganisationValues } from '../../organisations/OrganisationFields.tsx';

/**
 * Create a partner organisation without leaving the partner form. Not a <form> of its own:
 * forms cannot nest, so its button submits through the Mantine form handler.
 */
export function NewOrganisationInline({ initialName, onCreated, onCancel }: { initialName: string; onCreated: (organisation: Organisation) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const create = useCreateOrganisation();
  const form = useForm<OrganisationValues>({
    mode: 'controlled',
    initialValues: { ...emptyOrganisation, kind: 'ngo', name: initialName },
    validate: { name: (value) => (value.trim().length >= 2 ? null : t('validation.minLength', { min: 2 })) },
  });
  const save = form.onSubmit((values) =>
    create.mutate(
      { name: values.name.trim(), shortName: orNull(values.shortName), kind: values.kind, website: null },
      { onSuccess: onCreated, onError: (error) => applyServerErrors(form, error) },
    ),
  );
  return (
    <Paper
      withBorder
      p="sm"
      radius="md"
      bg="gray.0"
      role="group"
      aria-label={t('partners.newOrganisation')}
      onKeyDown={(event) => {
        // Enter here saves the organisation, not the partner form around it.
        if (event.key === 'Enter' && event.target instanceof HTMLInputElement) {
          event.preventDefault();
          save();
        }
      }}
    >
      <Stack gap="sm">
        <Text fw={500} size="sm">
          {t('partners.newOrganisation')}
        </Text>
        <OrganisationFields form={form} withWebsite={false} />
        <Group justify="flex-end" gap="xs">
          <Button size="xs" variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button size="xs" loading={create.isPending} onClick={() => save()}>
            {t('partners.saveOrganisation')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

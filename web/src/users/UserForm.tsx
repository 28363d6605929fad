import { Button, Group, MultiSelect, Select, SimpleGrid, Stack, Switch, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { useProgrammes } from '../api/programmes.ts';
import { ROLES, type InviteResult, type Role, type User } from '../api/types.ts';
import { useInviteUser, useUpdateUser } from '../api/users.ts';
import { OrganisationPicker } from '../components/OrganisationPicker.tsx';
import { applyServerErrors } from '../forms/server-errors.ts';
import { notifySuccess } from '../notify.ts';

type Values = { email: string; name: string; role: Role; organisationId: string | null; programmeIds: string[]; active: boolean };

type UserFormProps = {
  /** Absent when inviting. */
  user?: User;
  onInvited: (result: InviteResult) => void;
  onDone: () => void;
};

/** Invite a user, or change an account's role, organisation, programmes and whether it is active. */
export function UserForm({ user, onInvited, onDone }: UserFormProps) {
  const { t } = useTranslation();
  const invite = useInviteUser();
  const update = useUpdateUser();
  const programmes = useProgrammes({ pageSize: 100 });
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: {
      email: user?.email ?? '',
      name: user?.name ?? '',
      role: user?.role ?? 'program_manager',
      organisationId: user?.organisation?.id ?? null,
      programmeIds: user?.programmes.map((p) => p.id) ?? [],
      active: user?.active ?? true,
    },
    validate: {
      email: (value) => (user || /^\S+@\S+\.\S+$/.test(value.trim()) ? null : t('validation.email')),
      name: (value) => (value.trim() ? null : t('validation.required')),
    },
  });

  const programmeOptions = [
    ...(user?.programmes ?? []),
    ...(programmes.data?.items ?? []).filter((p) => !user?.programmes.some((own) => own.id === p.id)),
  ].map((p) => ({ value: p.id, label: `${p.code} — ${p.name}` }));

  const submit = form.onSubmit((values) => {
    const fields = { name: values.name.trim(), role: values.role, organisationId: values.organisationId, programmeIds: values.programmeIds };
    const onError = (error: Error) => applyServerErrors(form, error);
    if (user) {
      update.mutate(
        { id: user.id, input: { ...fields, active: values.active } },
        {
          onSuccess: () => {
            notifySuccess(t('common.saved'));
            onDone();
          },
          onError,
        },
      );
    } else {
      invite.mutate({ ...fields, email: values.email.trim() }, { onSuccess: onInvited, onError });
    }
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput label={t('users.fields.email')} type="email" required={!user} readOnly={Boolean(user)} variant={user ? 'filled' : 'default'} {...form.getInputProps('email')} />
          <TextInput label={t('users.fields.name')} required {...form.getInputProps('name')} />
          <Select label={t('users.fields.role')} data={ROLES.map((value) => ({ value, label: t(`role.${value}`) }))} allowDeselect={false} {...form.getInputProps('role')} />
          <OrganisationPicker
            label={t('users.fields.organisation')}
            clearable
            initialOption={user?.organisation ? { value: user.organisation.id, label: user.organisation.name } : undefined}
            {...form.getInputProps('organisationId')}
            value={form.values.organisationId}
          />
        </SimpleGrid>
        <MultiSelect
          label={t('users.fields.programmes')}
          description={t('users.programmesHint')}
          searchable
          clearable
          placeholder={programmes.isPending ? t('common.loading') : undefined}
          data={programmeOptions}
          nothingFoundMessage={t('common.noResults')}
          {...form.getInputProps('programmeIds')}
        />
        {user && <Switch label={t('users.fields.active')} {...form.getInputProps('active', { type: 'checkbox' })} />}
        <Group justify="flex-end" mt="sm">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={invite.isPending || update.isPending}>
            {user ? t('common.save') : t('users.sendInvite')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

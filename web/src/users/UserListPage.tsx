import { Badge, Button, Group, Select, SimpleGrid, Table, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLES, type InviteResult, type Role, type User } from '../api/types.ts';
import { useReissueInvite, useUsers } from '../api/users.ts';
import { useCurrentUser } from '../auth/use-current-user.ts';
import { Forbidden } from '../components/Forbidden.tsx';
import { ListFooter } from '../components/ListFooter.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { EmptyMessage, PageLoader, QueryError } from '../components/QueryState.tsx';
import { ResponsiveModal } from '../components/ResponsiveModal.tsx';
import { useListParams, useSearchInput } from '../hooks/use-list-params.ts';
import { useFormat } from '../i18n/use-format.ts';
import { InviteLinkModal } from './InviteLinkModal.tsx';
import { UserForm } from './UserForm.tsx';

const PAGE_SIZE = 20;

function UserStatus({ user }: { user: User }) {
  const { t } = useTranslation();
  if (!user.active) return <Badge color="gray">{t('users.status.inactive')}</Badge>;
  if (user.invitePending) return <Badge color="yellow" variant="light">{t('users.status.invited')}</Badge>;
  return <Badge color="teal" variant="light">{t('users.status.active')}</Badge>;
}

function UserRow({ user, onEdit, onInvite }: { user: User; onEdit: () => void; onInvite: (result: InviteResult) => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const reissue = useReissueInvite();
  return (
    <Table.Tr>
      <Table.Td>
        <Text size="sm" fw={500}>
          {user.name}
        </Text>
        <Text size="xs" c="dimmed">
          {user.email}
        </Text>
      </Table.Td>
      <Table.Td>{t(`role.${user.role}`)}</Table.Td>
      <Table.Td>{user.organisation?.name ?? t('common.none')}</Table.Td>
      <Table.Td>
        <Group gap={4}>
          {user.programmes.length === 0
            ? t('common.none')
            : user.programmes.map((p) => (
                <Badge key={p.id} variant="default" size="sm" title={p.name}>
                  {p.code}
                </Badge>
              ))}
        </Group>
      </Table.Td>
      <Table.Td>
        <UserStatus user={user} />
      </Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>{format.dateTime(user.lastLoginAt) || t('users.neverSignedIn')}</Table.Td>
      <Table.Td>
        <Group gap="xs" wrap="nowrap">
          <Button size="xs" variant="light" onClick={onEdit}>
            {t('common.edit')}
          </Button>
          {user.active && (
            <Button size="xs" variant="subtle" loading={reissue.isPending} onClick={() => reissue.mutate(user.id, { onSuccess: onInvite })}>
              {t('users.reissue')}
            </Button>
          )}
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}

export default function UserListPage() {
  const { t } = useTranslation();
  const { can } = useCurrentUser();
  const params = useListParams();
  const search = useSearchInput(params.get('q'), (value) => params.set('q', value));
  const role = params.get('role') as Role | '';
  const [editing, setEditing] = useState<{ user?: User } | null>(null);
  const [invite, setInvite] = useState<InviteResult | null>(null);
  const query = useUsers({ q: params.get('q') || undefined, role: role || undefined, page: params.page, pageSize: PAGE_SIZE }, { enabled: can('user.manage') });
  if (!can('user.manage')) return <Forbidden />;

  return (
    <>
      <PageHeader title={t('users.title')} subtitle={t('users.subtitle')} actions={<Button onClick={() => setEditing({})}>{t('users.invite')}</Button>} />
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm" mb="md">
        <TextInput label={t('common.search')} placeholder={t('users.searchPlaceholder')} type="search" {...search} />
        <Select
          label={t('users.fields.role')}
          placeholder={t('common.all')}
          clearable
          data={ROLES.map((value) => ({ value, label: t(`role.${value}`) }))}
          value={role || null}
          onChange={(value) => params.set('role', value)}
        />
      </SimpleGrid>
      {query.isPending ? (
        <PageLoader />
      ) : query.isError ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : query.data.items.length === 0 ? (
        <EmptyMessage title={t('users.empty')} description={t('common.tryOtherFilters')} />
      ) : (
        <div style={{ opacity: query.isPlaceholderData ? 0.6 : 1 }} aria-busy={query.isFetching}>
          <Table.ScrollContainer minWidth={900}>
            <Table striped verticalSpacing="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('users.fields.name')}</Table.Th>
                  <Table.Th>{t('users.fields.role')}</Table.Th>
                  <Table.Th>{t('users.fields.organisation')}</Table.Th>
                  <Table.Th>{t('users.fields.programmes')}</Table.Th>
                  <Table.Th>{t('users.fields.status')}</Table.Th>
                  <Table.Th>{t('users.fields.lastLogin')}</Table.Th>
                  <Table.Th>{t('common.actions')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {query.data.items.map((user) => (
                  <UserRow key={user.id} user={user} onEdit={() => setEditing({ user })} onInvite={setInvite} />
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <ListFooter page={params.page} pageSize={PAGE_SIZE} total={query.data.total} onPage={params.setPage} />
        </div>
      )}
      <ResponsiveModal opened={editing !== null} onClose={() => setEditing(null)} title={editing?.user ? t('users.editTitle') : t('users.invite')}>
        {editing && (
          <UserForm
            user={editing.user}
            onDone={() => setEditing(null)}
            onInvited={(result) => {
              setEditing(null);
              setInvite(result);
            }}
          />
        )}
      </ResponsiveModal>
      <InviteLinkModal invite={invite} onClose={() => setInvite(null)} />
    </>
  );
}

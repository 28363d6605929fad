import { Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useTraineeSummary } from '../../api/cascade.ts';
import type { Programme } from '../../api/types.ts';
import { useCurrentUser } from '../../auth/use-current-user.ts';
import { PageLoader, QueryError } from '../../components/QueryState.tsx';
import { ResponsiveModal } from '../../components/ResponsiveModal.tsx';
import { useFormat } from '../../i18n/use-format.ts';
import { RegisterPersonForm } from './RegisterPersonForm.tsx';

/** People trained by type (MSME owners, government staff, trainers, champions), counted separately. */
export function TraineesPanel({ programme }: { programme: Programme }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { can } = useCurrentUser();
  const query = useTraineeSummary(programme.id);
  const [adding, setAdding] = useState(false);
  const canAdd = can('participant.write') && !programme.archivedAt;
  return (
    <Paper withBorder radius="md" p={{ base: 'sm', sm: 'md' }} component="section" aria-labelledby="trainees-title">
      <Group justify="space-between" align="flex-start" gap="xs" mb="sm">
        <div>
          <Title order={3} size="h4" id="trainees-title">
            {t('trainees.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('trainees.intro')}
          </Text>
        </div>
        {canAdd && (
          <Button variant="light" onClick={() => setAdding(true)}>
            {t('trainees.add')}
          </Button>
        )}
      </Group>
      {query.isPending ? (
        <PageLoader />
      ) : query.isError ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <Stack gap="md">
          <Table.ScrollContainer minWidth={420}>
            <Table verticalSpacing={6} aria-label={t('trainees.title')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('trainees.kindColumn')}</Table.Th>
                  <Table.Th ta="right">{t('trainees.registered')}</Table.Th>
                  <Table.Th ta="right">{t('trainees.trained')}</Table.Th>
                  <Table.Th ta="right">{t('trainees.completed')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {query.data.byKind.map((row) => (
                  <Table.Tr key={row.kind} aria-label={t(`personKind.${row.kind}`)}>
                    <Table.Td>{t(`personKind.${row.kind}`)}</Table.Td>
                    <Table.Td ta="right">{format.number(row.registered)}</Table.Td>
                    <Table.Td ta="right">{format.number(row.trained)}</Table.Td>
                    <Table.Td ta="right">{format.number(row.completed)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {query.data.governmentInstitutions.length > 0 && (
            <Table.ScrollContainer minWidth={420}>
              <Table verticalSpacing={6} aria-label={t('trainees.institutions')}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('trainees.institutions')}</Table.Th>
                    <Table.Th ta="right">{t('trainees.registered')}</Table.Th>
                    <Table.Th ta="right">{t('trainees.trained')}</Table.Th>
                    <Table.Th ta="right">{t('trainees.completed')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {query.data.governmentInstitutions.map((row) => (
                    <Table.Tr key={row.institution}>
                      <Table.Td style={{ overflowWrap: 'anywhere' }}>{row.institution}</Table.Td>
                      <Table.Td ta="right">{format.number(row.registered)}</Table.Td>
                      <Table.Td ta="right">{format.number(row.trained)}</Table.Td>
                      <Table.Td ta="right">{format.number(row.completed)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </Stack>
      )}
      <ResponsiveModal opened={adding} onClose={() => setAdding(false)} title={t('trainees.addTitle')}>
        {adding && <RegisterPersonForm programmeId={programme.id} onDone={() => setAdding(false)} />}
      </ResponsiveModal>
    </Paper>
  );
}

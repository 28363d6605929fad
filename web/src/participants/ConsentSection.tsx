import { Alert, Badge, Button, Group, Paper, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDisclosure } from '@mantine/hooks';
import { useQueries } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiFetch } from '../api/client.ts';
import { useConsents, useRecordConsent, type Consent, type ConsentPurpose } from '../api/personal-data.ts';
import type { Page, ParticipantDetail, Partnership } from '../api/types.ts';
import { useCurrentUser } from '../auth/use-current-user.ts';
import { QueryError, PageLoader } from '../components/QueryState.tsx';
import { ResponsiveModal } from '../components/ResponsiveModal.tsx';
import { applyServerErrors } from '../forms/server-errors.ts';
import { useFormat } from '../i18n/use-format.ts';
import { notifySuccess } from '../notify.ts';

/** One consent a person can give or withdraw: a purpose, narrowed to a programme or a partner. */
type Scope = { purpose: ConsentPurpose; programme?: { id: string; code: string }; partner?: { id: string; name: string } };

const sameScope = (scope: Scope, consent: Consent): boolean =>
  consent.purpose === scope.purpose &&
  (scope.purpose !== 'programme_participation' || consent.programme?.id === scope.programme?.id) &&
  (scope.purpose !== 'partner_sharing' || consent.partner?.id === scope.partner?.id);

/** The scopes shown on the page: messaging, participation in each programme, and sharing with each partner on record. */
function scopesOf(participant: ParticipantDetail, current: Consent[]): Scope[] {
  const partners = current.flatMap((c) => (c.purpose === 'partner_sharing' && c.partner ? [{ purpose: 'partner_sharing' as const, partner: c.partner }] : []));
  return [
    { purpose: 'messaging' },
    ...participant.enrolments.map((e) => ({ purpose: 'programme_participation' as const, programme: { id: e.programme.id, code: e.programme.code } })),
    ...partners,
  ];
}

function useScopeLabel() {
  const { t } = useTranslation();
  return (scope: Scope | Consent) => {
    const purpose = t(`consent.purpose.${scope.purpose}`);
    if (scope.purpose === 'programme_participation' && scope.programme) return `${purpose} · ${scope.programme.code}`;
    if (scope.purpose === 'partner_sharing' && scope.partner) return `${purpose} · ${scope.partner.name}`;
    return purpose;
  };
}

function StateBadge({ granted }: { granted: boolean | null }) {
  const { t } = useTranslation();
  if (granted === null) return <Badge variant="default">{t('consent.state.none')}</Badge>;
  return <Badge color={granted ? 'teal' : 'red'}>{granted ? t('consent.state.given') : t('consent.state.withdrawn')}</Badge>;
}

/** Partner organisations of the person's programmes, for consent to share data with one of them. */
function usePartnerOptions(participant: ParticipantDetail, enabled: boolean) {
  const results = useQueries({
    queries: participant.enrolments.map((e) => ({
      queryKey: ['programmes', e.programme.id, 'partnerships', { includeArchived: false }],
      queryFn: ({ signal }: { signal: AbortSignal }) => apiFetch<Page<Partnership>>(`/api/programs/${e.programme.id}/partnerships`, { query: { includeArchived: false }, signal }),
      enabled,
    })),
  });
  const seen = new Map<string, string>();
  for (const result of results) for (const p of result.data?.items ?? []) seen.set(p.organisation.id, p.organisation.name);
  return [...seen].map(([value, label]) => ({ value, label }));
}

type Pending = { scope: Scope; granted: boolean; wordingVersion: string };

/** Confirms a consent given or withdrawn, with the version of the consent text the person saw. */
function ConfirmConsentModal({ personId, pending, onClose }: { personId: string; pending: Pending | null; onClose: () => void }) {
  const { t } = useTranslation();
  const scopeLabel = useScopeLabel();
  const record = useRecordConsent(personId);
  const form = useForm({
    mode: 'controlled',
    initialValues: { wordingVersion: pending?.wordingVersion ?? '' },
    validate: { wordingVersion: (value) => (/^[\w.-]{1,40}$/.test(value.trim()) ? null : t('consent.wordingVersionInvalid')) },
  });
  if (!pending) return null;
  const { scope, granted } = pending;
  const submit = form.onSubmit(({ wordingVersion }) =>
    record.mutate(
      { purpose: scope.purpose, granted, wordingVersion: wordingVersion.trim(), programmeId: scope.programme?.id, partnerOrganisationId: scope.partner?.id },
      {
        onSuccess: ({ cancelledMessages }) => {
          notifySuccess(granted ? t('consent.givenDone') : cancelledMessages > 0 ? t('consent.withdrawnCancelled', { messages: cancelledMessages }) : t('consent.withdrawnDone'));
          onClose();
        },
        onError: (error) => applyServerErrors(form, error),
      },
    ),
  );
  return (
    <ResponsiveModal opened onClose={onClose} title={granted ? t('consent.giveTitle') : t('consent.withdrawTitle')} size="md" fullScreen={false}>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Text size="sm">{t(granted ? 'consent.giveMessage' : 'consent.withdrawMessage', { scope: scopeLabel(scope) })}</Text>
          {!granted && scope.purpose === 'messaging' && <Alert color="orange">{t('consent.withdrawMessagingEffect')}</Alert>}
          {!granted && scope.purpose === 'partner_sharing' && <Alert color="orange">{t('consent.withdrawSharingEffect', { partner: scope.partner?.name ?? '' })}</Alert>}
          <TextInput label={t('consent.fields.wordingVersion')} description={t('consent.wordingVersionHint')} required autoComplete="off" data-autofocus {...form.getInputProps('wordingVersion')} />
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color={granted ? 'teal' : 'red'} loading={record.isPending}>
              {granted ? t('consent.give') : t('consent.withdraw')}
            </Button>
          </Group>
        </Stack>
      </form>
    </ResponsiveModal>
  );
}

/** Chooses a partner organisation before recording consent to share data with it. */
function PartnerScopeModal({ participant, opened, onClose, onChosen }: { participant: ParticipantDetail; opened: boolean; onClose: () => void; onChosen: (pending: Pending) => void }) {
  const { t } = useTranslation();
  const options = usePartnerOptions(participant, opened);
  const [partnerId, setPartnerId] = useState<string | null>(null);
  const [granted, setGranted] = useState<string>('false');
  const partner = options.find((o) => o.value === partnerId);
  return (
    <ResponsiveModal opened={opened} onClose={onClose} title={t('consent.partnerTitle')} size="md" fullScreen={false}>
      <Stack gap="sm">
        <Select label={t('consent.fields.partner')} placeholder={t('common.choose')} data={options} value={partnerId} onChange={setPartnerId} nothingFoundMessage={t('consent.noPartners')} searchable />
        <Select
          label={t('consent.fields.state')}
          data={[
            { value: 'true', label: t('consent.state.given') },
            { value: 'false', label: t('consent.state.withdrawn') },
          ]}
          allowDeselect={false}
          value={granted}
          onChange={(value) => setGranted(value ?? 'false')}
        />
        <Group justify="flex-end" mt="sm">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button
            disabled={!partner}
            onClick={() => partner && onChosen({ scope: { purpose: 'partner_sharing', partner: { id: partner.value, name: partner.label } }, granted: granted === 'true', wordingVersion: '' })}
          >
            {t('consent.next')}
          </Button>
        </Group>
      </Stack>
    </ResponsiveModal>
  );
}

function HistoryTable({ history }: { history: Consent[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const scopeLabel = useScopeLabel();
  if (history.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t('consent.historyEmpty')}
      </Text>
    );
  }
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table striped verticalSpacing="xs" aria-label={t('consent.history')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('consent.fields.recordedAt')}</Table.Th>
            <Table.Th>{t('consent.fields.purpose')}</Table.Th>
            <Table.Th>{t('consent.fields.state')}</Table.Th>
            <Table.Th>{t('consent.fields.source')}</Table.Th>
            <Table.Th>{t('consent.fields.wordingVersion')}</Table.Th>
            <Table.Th>{t('consent.fields.recordedBy')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {history.map((c) => (
            <Table.Tr key={c.id}>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{format.dateTime(c.recordedAt)}</Table.Td>
              <Table.Td>{scopeLabel(c)}</Table.Td>
              <Table.Td>
                <StateBadge granted={c.granted} />
              </Table.Td>
              <Table.Td>{t(`consent.source.${c.source}`)}</Table.Td>
              <Table.Td ff="monospace">{c.wordingVersion}</Table.Td>
              <Table.Td>{c.recordedBy ? c.recordedBy.name : t('consent.bySubject')}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** The consent ledger of a person: the current state per purpose, give/withdraw with confirmation, and the full history. */
export function ConsentSection({ participant }: { participant: ParticipantDetail }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { can } = useCurrentUser();
  const scopeLabel = useScopeLabel();
  const personId = participant.person.id;
  const ledger = useConsents(personId, can('consent.read'));
  const [pending, setPending] = useState<Pending | null>(null);
  const [choosingPartner, partnerModal] = useDisclosure(false);
  if (!can('consent.read')) return null;
  const canRecord = can('consent.record') && !participant.person.anonymised;

  return (
    <Paper withBorder radius="md" p={{ base: 'sm', sm: 'md' }} component="section" aria-labelledby="participant-consent">
      <Group justify="space-between" mb="xs" gap="xs">
        <Title order={3} size="h4" id="participant-consent">
          {t('consent.title')}
        </Title>
        {canRecord && (
          <Button size="xs" variant="light" onClick={partnerModal.open}>
            {t('consent.recordPartner')}
          </Button>
        )}
      </Group>
      <Text size="sm" c="dimmed" mb="sm">
        {t('consent.intro')}
      </Text>
      {ledger.isPending ? (
        <PageLoader />
      ) : ledger.isError ? (
        <QueryError error={ledger.error} onRetry={() => void ledger.refetch()} />
      ) : (
        <Stack gap="md">
          <Table.ScrollContainer minWidth={560}>
            <Table verticalSpacing="xs" aria-label={t('consent.current')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('consent.fields.purpose')}</Table.Th>
                  <Table.Th>{t('consent.fields.state')}</Table.Th>
                  <Table.Th>{t('consent.fields.recordedAt')}</Table.Th>
                  {canRecord && <Table.Th>{t('common.actions')}</Table.Th>}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {scopesOf(participant, ledger.data.current).map((scope) => {
                  const latest = ledger.data.current.find((c) => sameScope(scope, c)) ?? null;
                  const label = scopeLabel(scope);
                  const wordingVersion = latest?.wordingVersion ?? '';
                  return (
                    <Table.Tr key={label} data-purpose={scope.purpose}>
                      <Table.Td>{label}</Table.Td>
                      <Table.Td>
                        <StateBadge granted={latest?.granted ?? null} />
                      </Table.Td>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>{latest ? format.dateTime(latest.recordedAt) : t('common.none')}</Table.Td>
                      {canRecord && (
                        <Table.Td>
                          <Group gap="xs" wrap="nowrap">
                            {latest?.granted !== true && (
                              <Button size="xs" variant="light" color="teal" aria-label={`${t('consent.give')}: ${label}`} onClick={() => setPending({ scope, granted: true, wordingVersion })}>
                                {t('consent.give')}
                              </Button>
                            )}
                            {latest?.granted !== false && (
                              <Button size="xs" variant="light" color="red" aria-label={`${t('consent.withdraw')}: ${label}`} onClick={() => setPending({ scope, granted: false, wordingVersion })}>
                                {t('consent.withdraw')}
                              </Button>
                            )}
                          </Group>
                        </Table.Td>
                      )}
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <div>
            <Title order={4} size="h5" mb="xs">
              {t('consent.history')}
            </Title>
            <HistoryTable history={ledger.data.history} />
          </div>
        </Stack>
      )}
      <ConfirmConsentModal key={pending ? `${scopeLabel(pending.scope)}|${pending.granted}` : 'none'} personId={personId} pending={pending} onClose={() => setPending(null)} />
      <PartnerScopeModal
        participant={participant}
        opened={choosingPartner}
        onClose={partnerModal.close}
        onChosen={(chosen) => {
          partnerModal.close();
          setPending(chosen);
        }}
      />
    </Paper>
  );
}

import { Alert, Button, Card, Group, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client.ts';
import { useOutcomes, useSendSurvey, useSurveyRounds, type OutcomeEstimate, type Outcomes, type SurveyPhase } from '../../api/outcomes.ts';
import type { Programme } from '../../api/types.ts';
import { useCurrentUser } from '../../auth/use-current-user.ts';
import { PageLoader, QueryError } from '../../components/QueryState.tsx';
import { useFormat } from '../../i18n/use-format.ts';
import { DidCaveats, DidMethod, useBilingual } from '../impact/DidNotes.tsx';

const PHASES: SurveyPhase[] = ['baseline', 'endline', 'followup'];
const CHANNELS = ['whatsapp', 'sms', 'email', 'log'] as const;

const DID_MEASURES = ['workers', 'onlineShare', 'revenueBand'] as const;

/**
 * Difference-in-differences on the outcome answers, as the impact tab shows it: the estimate and
 * its 95 % interval per measure with each group's change, the partly trained MSMEs left out, the
 * caveats and the method (texts from the server, in the language on screen).
 */
function OutcomeDid({ did }: { did: Outcomes['differenceInDifferences'] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const text = useBilingual();
  const n = (v: number | null) => (v === null ? '—' : format.number(v));
  const count = (v: number | null) => (v === null ? '<5' : format.number(v));
  const interval = (e: OutcomeEstimate) => (e.low === null || e.high === null ? t('impact.noInterval') : `${n(e.low)} … ${n(e.high)}`);
  const hidden = did.available && DID_MEASURES.every((m) => did[m] === null);
  return (
    <Card withBorder component="section" aria-label={t('outcomes.did.title')}>
      <Title order={3} size="h4" mb="xs">
        {t('outcomes.did.title')}
      </Title>
      {!did.available ? (
        <Text c="dimmed">{did.unavailableReason ? text(did.unavailableReason) : t('outcomes.did.unavailable')}</Text>
      ) : (
        <Stack gap="xs">
          <Text size="sm">{t('outcomes.did.groups', { treated: count(did.treated), comparison: count(did.comparison) })}</Text>
          {hidden ? (
            <Text>{t('outcomes.did.suppressed')}</Text>
          ) : (
            <Table.ScrollContainer minWidth={560}>
              <Table striped withTableBorder aria-label={t('outcomes.did.title')}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('impact.measure')}</Table.Th>
                    <Table.Th>{t('outcomes.did.treatedChange')}</Table.Th>
                    <Table.Th>{t('outcomes.did.comparisonChange')}</Table.Th>
                    <Table.Th>{t('outcomes.did.estimate')}</Table.Th>
                    <Table.Th>{t('impact.ci')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {DID_MEASURES.map((m) => {
                    const e = did[m];
                    if (!e) return null;
                    return (
                      <Table.Tr key={m} data-testid={`outcome-did-${m}`}>
                        <Table.Td>{t(`outcomes.did.measures.${m}`)}</Table.Td>
                        <Table.Td>{n(e.treatedChange)}</Table.Td>
                        <Table.Td>{n(e.comparisonChange)}</Table.Td>
                        <Table.Td fw={700}>{n(e.estimate)}</Table.Td>
                        <Table.Td>{interval(e)}</Table.Td>
                      </Table.Tr>
                    );
                  })}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
          <DidCaveats caveats={did.caveats} />
        </Stack>
      )}
      {did.partlyTrainedExcluded !== 0 && (
        <Text size="xs" c="dimmed" mt="xs" data-testid="outcome-did-partial">
          {t('impact.partial', { n: count(did.partlyTrainedExcluded) })}
        </Text>
      )}
      <DidMethod method={did.method} />
    </Card>
  );
}

/**
 * Economic outcomes: the MSMEs' survey rounds (baseline, endline, six months after) sent as
 * personal links, and the outcome indicators with their response rates (non-response is shown,
 * never counted as zero), with difference-in-differences where a comparison group exists.
 */
export function OutcomesTab({ programme }: { programme: Programme }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const { can } = useCurrentUser();
  const manage = can('campaign.manage');
  const outcomes = useOutcomes(programme.id);
  const rounds = useSurveyRounds(programme.id, manage);
  const send = useSendSurvey(programme.id);
  const [draft, setDraft] = useState({ phase: 'baseline' as SurveyPhase, channel: 'whatsapp', expiresOn: '' });
  const problems = send.error && isApiError(send.error) ? send.error.fields : {};
  const pct = (v: number | null) => (v === null ? '—' : `${format.number(v)} %`);

  if (outcomes.isPending) return <PageLoader />;
  if (outcomes.isError) return <QueryError error={outcomes.error} onRetry={() => void outcomes.refetch()} />;
  const o = outcomes.data;
  const did = o.differenceInDifferences;
  return (
    <Stack gap="md">
      <Card withBorder>
        <Title order={3} size="h4" mb="xs">
          {t('outcomes.indicators')}
        </Title>
        <Text size="sm" c="dimmed" mb="sm">
          {t('outcomes.nonResponse', { eligible: o.eligible, answered: o.answered, rate: pct(o.responseRate) })}
        </Text>
        <Table.ScrollContainer minWidth={480}>
          <Table striped aria-label={t('outcomes.indicators')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('outcomes.indicator')}</Table.Th>
                <Table.Th>{t('outcomes.value')}</Table.Th>
                <Table.Th>{t('outcomes.respondents')}</Table.Th>
                <Table.Th>{t('outcomes.responseRate')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {o.indicators.map((i) => (
                <Table.Tr key={i.code} data-indicator={i.code}>
                  <Table.Td>{i18n.language === 'en' ? i.name.en : i.name.id}</Table.Td>
                  <Table.Td fw={700} data-testid={`outcome-${i.code}`}>
                    {i.suppressed ? t('outcomes.suppressed') : i.value === null ? t('outcomes.noValue') : i.unit === 'percent' ? pct(i.value) : format.number(i.value)}
                  </Table.Td>
                  <Table.Td>{t('outcomes.ofEligible', { respondents: i.respondents, eligible: i.eligible })}</Table.Td>
                  <Table.Td>{pct(i.responseRate)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Card>
      <Card withBorder>
        <Title order={3} size="h4" mb="xs">
          {t('outcomes.byPhase')}
        </Title>
        {o.byPhase.length === 0 ? (
          <Text c="dimmed">{t('outcomes.noAnswers')}</Text>
        ) : (
          <Table>
            <Table.Tbody>
              {o.byPhase.map((p) => (
                <Table.Tr key={p.phase}>
                  <Table.Td>{t(`outcomeSurvey.phase.${p.phase as SurveyPhase}`)}</Table.Td>
                  <Table.Td>{t('outcomes.answeredBy', { answered: p.answered, link: p.byLink, mentor: p.byMentor })}</Table.Td>
                  <Table.Td>{pct(p.responseRate)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Card>
      <OutcomeDid did={did} />
      {manage && (
        <Card withBorder>
          <Title order={3} size="h4" mb="xs">
            {t('outcomes.rounds.title')}
          </Title>
          {rounds.data && rounds.data.items.length > 0 && (
            <Table mb="sm" aria-label={t('outcomes.rounds.title')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('outcomes.rounds.phase')}</Table.Th>
                  <Table.Th>{t('outcomes.rounds.invited')}</Table.Th>
                  <Table.Th>{t('outcomes.rounds.answered')}</Table.Th>
                  <Table.Th>{t('outcomes.rounds.expires')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rounds.data.items.map((r) => (
                  <Table.Tr key={r.id}>
                    <Table.Td>{t(`outcomeSurvey.phase.${r.phase}`)}</Table.Td>
                    <Table.Td>{r.invited}</Table.Td>
                    <Table.Td>
                      {r.answered} ({pct(r.responseRate)})
                    </Table.Td>
                    <Table.Td>{format.dateTime(r.expiresAt)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
          <form
            onSubmit={(e) => {
              e.preventDefault();
              send.mutate(draft);
            }}
          >
            <Group align="flex-end" wrap="wrap">
              <Select label={t('outcomes.rounds.phase')} data={PHASES.map((p) => ({ value: p, label: t(`outcomeSurvey.phase.${p}`) }))} value={draft.phase} onChange={(v) => setDraft({ ...draft, phase: (v ?? 'baseline') as SurveyPhase })} allowDeselect={false} />
              <Select label={t('outcomes.rounds.channel')} data={CHANNELS.map((c) => ({ value: c, label: t(`outcomes.rounds.channels.${c}`) }))} value={draft.channel} onChange={(v) => setDraft({ ...draft, channel: v ?? 'whatsapp' })} allowDeselect={false} />
              <TextInput type="date" label={t('outcomes.rounds.expiresOn')} value={draft.expiresOn} onChange={(e) => setDraft({ ...draft, expiresOn: e.currentTarget.value })} error={problems.expiresOn} required />
              <Button type="submit" loading={send.isPending}>
                {t('outcomes.rounds.send')}
              </Button>
            </Group>
            {send.isSuccess && (
              <Alert color="green" mt="sm">
                {t('outcomes.rounds.sent', { invited: send.data.invited })}
              </Alert>
            )}
          </form>
        </Card>
      )}
    </Stack>
  );
}

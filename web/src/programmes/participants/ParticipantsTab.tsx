import { Anchor, Badge, Button, Card, Group, Select, SimpleGrid, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import { useState, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useParticipants, type ParticipantFilters } from '../../api/participants.ts';
import { useReference } from '../../api/reference.ts';
import { useRegionSearch } from '../../api/regions.ts';
import { ENROLMENT_STATUSES, GENDERS, type EnrolmentStatus, type Gender, type ParticipantRow, type Programme } from '../../api/types.ts';
import { useCurrentUser } from '../../auth/use-current-user.ts';
import { EmptyMessage, PageLoader, QueryError } from '../../components/QueryState.tsx';
import { RegionPicker, regionOption } from '../../components/RegionPicker.tsx';
import { regionDisplayName } from '../../format/region-name.ts';
import { useListParams, useSearchInput } from '../../hooks/use-list-params.ts';
import { useFormat } from '../../i18n/use-format.ts';
import { maskNik, participantPath } from '../../participants/display.ts';
import { EnrolmentStatusBadge } from '../../participants/EnrolmentStatusBadge.tsx';
import { useYesNoLabel, YesNoSelect, type YesNo } from '../../participants/YesNoSelect.tsx';
import { useSectorLabel } from '../targets/indicator-label.ts';
import { AddParticipantModal } from './AddParticipantModal.tsx';
import { ConflictsPanel } from './ConflictsPanel.tsx';

const PAGE_SIZE = 50;

const oneOf = <T extends string>(values: readonly T[], value: string): T | undefined => (values as readonly string[]).includes(value) ? (value as T) : undefined;
const yesNoParam = (value: string): YesNo => (value === 'yes' || value === 'no' ? value : null);
const yesNoFilter = (value: YesNo): boolean | undefined => (value === 'yes' ? true : value === 'no' ? false : undefined);

/** The filters live in the URL (reload and shared links keep them); the search is debounced. */
function useParticipantFilters() {
  const params = useListParams();
  const search = useSearchInput(params.get('q'), (value) => params.set('q', value));
  const values = {
    regency: /^\d{2}\.\d{2}$/.test(params.get('regency')) ? params.get('regency') : null,
    sector: params.get('sector') || null,
    gender: oneOf<Gender>(GENDERS, params.get('gender')) ?? null,
    status: oneOf<EnrolmentStatus>(ENROLMENT_STATUSES, params.get('status')) ?? null,
    active: yesNoParam(params.get('active')),
    willing: yesNoParam(params.get('willing')),
  };
  const filters: ParticipantFilters = {
    q: params.get('q') || undefined,
    regency: values.regency ?? undefined,
    sector: values.sector ?? undefined,
    gender: values.gender ?? undefined,
    status: values.status ?? undefined,
    active: yesNoFilter(values.active),
    willing: yesNoFilter(values.willing),
  };
  const chosen = Object.values(values).filter((value) => value !== null).length;
  return { search, values, filters, chosen, set: params.set };
}

function YesNoText({ value }: { value: boolean | null }) {
  const yesNo = useYesNoLabel();
  return (
    <Text size="sm" c={value === null ? 'dimmed' : undefined}>
      {yesNo(value)}
    </Text>
  );
}

function ParticipantTable({ items, programmeId }: { items: ParticipantRow[]; programmeId: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const sectorLabel = useSectorLabel();
  const none = t('common.none');
  const open = (row: ParticipantRow) => (event: MouseEvent) => {
    // The name is a link of its own (for keyboards and new tabs); the rest of the row follows it.
    if ((event.target as HTMLElement).closest('a')) return;
    void navigate(participantPath(row.personId, programmeId));
  };
  return (
    <Table.ScrollContainer minWidth={960}>
      <Table striped highlightOnHover verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('participants.fields.name')}</Table.Th>
            <Table.Th>{t('participants.fields.nik')}</Table.Th>
            <Table.Th>{t('participants.fields.phone')}</Table.Th>
            <Table.Th>{t('participants.fields.businessName')}</Table.Th>
            <Table.Th>{t('participants.fields.sector')}</Table.Th>
            <Table.Th>{t('participants.fields.regency')}</Table.Th>
            <Table.Th>{t('participants.fields.active')}</Table.Th>
            <Table.Th>{t('participants.fields.willingShort')}</Table.Th>
            <Table.Th>{t('participants.fields.status')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((row) => (
            <Table.Tr key={row.enrolmentId} onClick={open(row)} style={{ cursor: 'pointer' }}>
              <Table.Td miw={130}>
                <Anchor component={Link} to={participantPath(row.personId, programmeId)} size="sm" fw={500}>
                  {row.name}
                </Anchor>
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <Text size="sm" ff="monospace">
                  {maskNik(row.nik) ?? none}
                </Text>
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <Text size="sm">{row.phone ?? none}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{row.businessName ?? none}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{row.sector ? sectorLabel(row.sector) : none}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{row.regency ? regionDisplayName(row.regency.name) : none}</Text>
              </Table.Td>
              <Table.Td>
                <YesNoText value={row.active} />
              </Table.Td>
              <Table.Td>
                <YesNoText value={row.willing} />
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <EnrolmentStatusBadge status={row.status} size="sm" />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** On phones every participant is a card: nine columns do not fit. */
function ParticipantCards({ items, programmeId }: { items: ParticipantRow[]; programmeId: string }) {
  const { t } = useTranslation();
  const sectorLabel = useSectorLabel();
  const yesNo = useYesNoLabel();
  return (
    <Stack gap="sm">
      {items.map((row) => (
        <Card key={row.enrolmentId} withBorder padding="sm" radius="md" component={Link} to={participantPath(row.personId, programmeId)} aria-label={row.name}>
          <Group justify="space-between" gap={4} wrap="nowrap" align="flex-start">
            <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
              {row.name}
            </Text>
            <EnrolmentStatusBadge status={row.status} />
          </Group>
          {row.businessName && (
            <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
              {row.businessName}
              {row.sector && ` · ${sectorLabel(row.sector)}`}
            </Text>
          )}
          <Text size="sm" c="dimmed" ff="monospace">
            {[maskNik(row.nik), row.phone].filter(Boolean).join(' · ')}
          </Text>
          {row.regency && (
            <Text size="sm" c="dimmed">
              {regionDisplayName(row.regency.name)}
            </Text>
          )}
          <Group gap="xs" mt={6}>
            <Badge variant="default" size="sm">
              {t('participants.fields.active')}: {yesNo(row.active)}
            </Badge>
            <Badge variant="default" size="sm">
              {t('participants.fields.willingShort')}: {yesNo(row.willing)}
            </Badge>
          </Group>
        </Card>
      ))}
    </Stack>
  );
}

/** The label of a regency chosen in an earlier visit (code in the URL), looked up by its code. */
function useRegencyOption(code: string | null) {
  const query = useRegionSearch(code ?? '');
  const region = code ? query.data?.items.find((r) => r.code === code) : undefined;
  return region ? [regionOption(region)] : [];
}

export function ParticipantsTab({ programme }: { programme: Programme }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { can } = useCurrentUser();
  const reference = useReference();
  const sectorLabel = useSectorLabel();
  const wide = useMediaQuery('(min-width: 48em)', true, { getInitialValueInEffect: false });
  const [filtersOpen, filtersToggle] = useDisclosure(false);
  const [adding, setAdding] = useState(false);
  const { search, values, filters, chosen, set } = useParticipantFilters();
  const regencyOptions = useRegencyOption(values.regency);

  // Keyset paging: the cursors of the pages before this one, started afresh when the filters change.
  const filterKey = JSON.stringify(filters);
  const [paging, setPaging] = useState<{ key: string; cursors: number[] }>({ key: filterKey, cursors: [] });
  const cursors = paging.key === filterKey ? paging.cursors : [];
  const query = useParticipants(programme.id, filters, cursors.at(-1) ?? null, PAGE_SIZE);
  const canAdd = can('participant.write') && !programme.archivedAt;
  const filtered = Boolean(filters.q) || chosen > 0;

  const total = query.data ? `${format.number(query.data.total)}${query.data.totalCapped ? '+' : ''}` : '';
  const from = cursors.length * PAGE_SIZE + 1;
  const nextCursor = query.data?.nextCursor ?? null;

  return (
    <Stack gap="sm">
      {/* Offline edits that met a newer server edit: the organisers decide (the server allows them only). */}
      {can('session.manage') && <ConflictsPanel programmeId={programme.id} />}
      <Group justify="space-between" align="flex-end" gap="sm">
        <TextInput
          label={t('common.search')}
          placeholder={t('participants.searchPlaceholder')}
          type="search"
          style={{ flex: '1 1 260px', maxWidth: 480 }}
          {...search}
        />
        <Group gap="xs">
          {!wide && (
            <Button variant="light" onClick={filtersToggle.toggle} aria-expanded={filtersOpen}>
              {chosen > 0 ? t('participants.filtersActive', { count: chosen }) : t('participants.filters')}
            </Button>
          )}
          {canAdd && <Button onClick={() => setAdding(true)}>{t('participants.add')}</Button>}
        </Group>
      </Group>
      {/* Shown without an animation: a select clicked while its frame still grew kept its list hidden. */}
      {(wide || filtersOpen) && (
        <SimpleGrid cols={{ base: 1, sm: 3, lg: 6 }} spacing="sm">
          <RegionPicker
            label={t('participants.fields.regency')}
            placeholder={t('common.all')}
            clearable
            initialOptions={regencyOptions}
            value={values.regency}
            onChange={(code) => set('regency', code)}
          />
          <Select
            label={t('participants.fields.sector')}
            placeholder={t('common.all')}
            clearable
            data={(reference.data?.sectors ?? []).map((value) => ({ value, label: sectorLabel(value) }))}
            value={values.sector}
            onChange={(value) => set('sector', value)}
          />
          <Select
            label={t('participants.fields.gender')}
            placeholder={t('common.all')}
            clearable
            data={GENDERS.map((value) => ({ value, label: t(`gender.${value}`) }))}
            value={values.gender}
            onChange={(value) => set('gender', value)}
          />
          <Select
            label={t('participants.fields.status')}
            placeholder={t('common.all')}
            clearable
            data={ENROLMENT_STATUSES.map((value) => ({ value, label: t(`enrolmentStatus.${value}`) }))}
            value={values.status}
            onChange={(value) => set('status', value)}
          />
          <YesNoSelect label={t('participants.fields.active')} placeholder={t('common.all')} value={values.active} onChange={(value) => set('active', value)} />
          <YesNoSelect label={t('participants.fields.willingShort')} placeholder={t('common.all')} value={values.willing} onChange={(value) => set('willing', value)} />
        </SimpleGrid>
      )}
      {query.isPending ? (
        <PageLoader />
      ) : query.isError ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : query.data.items.length === 0 && cursors.length === 0 ? (
        <EmptyMessage
          title={filtered ? t('participants.emptyFiltered') : t('participants.empty')}
          description={filtered ? t('common.tryOtherFilters') : canAdd ? t('participants.emptyHint') : undefined}
        />
      ) : (
        <div style={{ opacity: query.isPlaceholderData ? 0.6 : 1 }} aria-busy={query.isFetching}>
          {wide ? <ParticipantTable items={query.data.items} programmeId={programme.id} /> : <ParticipantCards items={query.data.items} programmeId={programme.id} />}
          <Group justify="space-between" mt="md" gap="sm">
            <Text size="sm" c="dimmed">
              {t('participants.range', { from: format.number(from), to: format.number(from + query.data.items.length - 1), total })}
            </Text>
            {(cursors.length > 0 || nextCursor !== null) && (
              <Group gap="xs">
                <Button
                  size="xs"
                  variant="default"
                  disabled={cursors.length === 0 || query.isPlaceholderData}
                  onClick={() => setPaging({ key: filterKey, cursors: cursors.slice(0, -1) })}
                >
                  {t('participants.previousPage')}
                </Button>
                <Button
                  size="xs"
                  variant="default"
                  disabled={nextCursor === null || query.isPlaceholderData}
                  onClick={() => nextCursor !== null && setPaging({ key: filterKey, cursors: [...cursors, nextCursor] })}
                >
                  {t('participants.nextPage')}
                </Button>
              </Group>
            )}
          </Group>
        </div>
      )}
      {adding && <AddParticipantModal programme={programme} onClose={() => setAdding(false)} />}
    </Stack>
  );
}

import { Alert, Badge, Button, Checkbox, FileInput, Group, List, NumberInput, ScrollArea, SegmentedControl, Select, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQueries } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiFetch, isApiError } from '../api/client.ts';
import { participantKeys, useParticipants } from '../api/participants.ts';
import { useReference } from '../api/reference.ts';
import { useAddToCohort, useAddToCohortFromList, useAddToRoster, useAddToRosterFromList } from '../api/sessions.ts';
import { GENDERS, type AddFromListResult, type AddToRosterResult, type Gender, type ParticipantDetail, type ParticipantPick, type SessionDetail } from '../api/types.ts';
import { RegionPicker } from '../components/RegionPicker.tsx';
import { ResponsiveModal } from '../components/ResponsiveModal.tsx';
import { useFormat } from '../i18n/use-format.ts';
import { fromYesNo, YesNoSelect, type YesNo } from '../participants/YesNoSelect.tsx';
import { useSectorLabel } from '../programmes/targets/indicator-label.ts';

type Mode = 'filter' | 'pick' | 'file';
type Result = AddToRosterResult | AddFromListResult;

/** The roster file types the server reads (told apart by content; the names only guide the picker). */
const LIST_ACCEPT = '.csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const fromList = (result: Result): result is AddFromListResult => 'unmatched' in result;

/** The refused people's names: from the answer, else looked up (for the first 50). */
function useNames(result: Result | null, picked: Map<string, string>) {
  const known = new Map(picked);
  for (const r of result?.refused ?? []) if (r.name) known.set(r.personId, r.name);
  const ids = (result?.refused ?? []).map((r) => r.personId).filter((id) => !known.has(id)).slice(0, 50);
  const queries = useQueries({
    queries: ids.map((id) => ({ queryKey: participantKeys.detail(id), queryFn: () => apiFetch<ParticipantDetail>(`/api/participants/${id}`), staleTime: 60_000 })),
  });
  const names = new Map(known);
  queries.forEach((q, i) => {
    const id = ids[i];
    if (id && q.data) names.set(id, q.data.person.name);
  });
  return names;
}

function ResultPanel({ result, names, onAgain, onClose }: { result: Result; names: Map<string, string>; onAgain: () => void; onClose: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const list = fromList(result) ? result : null;
  const lineOf = new Map((list?.refused ?? []).map((r) => [r.personId, r.line]));
  return (
    <Stack gap="sm">
      <Alert color={result.refused.length || list?.unmatched.length ? 'orange' : 'teal'} title={t('addToRoster.resultTitle')} role="status">
        <Group gap="xs">
          <Badge color="teal" variant="light">
            {t('addToRoster.added', { count: result.added.length, formatted: format.number(result.added.length) })}
          </Badge>
          <Badge color="gray" variant="light">
            {t('addToRoster.already', { count: result.alreadyOnRoster.length, formatted: format.number(result.alreadyOnRoster.length) })}
          </Badge>
          <Badge color="red" variant="light">
            {t('addToRoster.refused', { count: result.refused.length, formatted: format.number(result.refused.length) })}
          </Badge>
          {list && (
            <Badge color="yellow" variant="light">
              {t('addToRoster.unmatched', { count: list.unmatched.length, formatted: format.number(list.unmatched.length) })}
            </Badge>
          )}
        </Group>
        <Text size="sm" mt={6}>
          {list
            ? t('addToRoster.linesRead', { lines: format.number(list.lines), matched: format.number(list.matched) })
            : t('addToRoster.matched', { count: result.matched, formatted: format.number(result.matched) })}
        </Text>
      </Alert>
      {result.refused.length > 0 && (
        <Stack gap={4} component="section" aria-label={t('addToRoster.refusalsTitle')}>
          <Text fw={600} size="sm">
            {t('addToRoster.refusalsTitle')}
          </Text>
          <ScrollArea.Autosize mah={320}>
            <List spacing={6} size="sm">
              {result.refused.map((refusal) => (
                <List.Item key={refusal.personId} aria-label={names.get(refusal.personId) ?? refusal.personId}>
                  {lineOf.has(refusal.personId) && (
                    <Text size="sm" c="dimmed" span>
                      {`${t('addToRoster.line', { line: lineOf.get(refusal.personId) })} · `}
                    </Text>
                  )}
                  <Text size="sm" fw={500} span>
                    {names.get(refusal.personId) ?? t('common.loading')}
                  </Text>
                  {': '}
                  <Text size="sm" span>
                    {refusal.message}
                  </Text>
                </List.Item>
              ))}
            </List>
          </ScrollArea.Autosize>
        </Stack>
      )}
      {list && list.unmatched.length > 0 && (
        <Stack gap={4} component="section" aria-label={t('addToRoster.unmatchedTitle')}>
          <Text fw={600} size="sm">
            {t('addToRoster.unmatchedTitle')}
          </Text>
          <ScrollArea.Autosize mah={320}>
            <List spacing={6} size="sm">
              {list.unmatched.map((row) => (
                <List.Item key={row.line}>
                  <Text size="sm" fw={500} span>
                    {t('addToRoster.line', { line: row.line })}
                  </Text>
                  {row.value && (
                    <Text size="sm" ff="monospace" c="dimmed" span>
                      {` ${row.value}`}
                    </Text>
                  )}
                  {': '}
                  <Text size="sm" span>
                    {row.message}
                  </Text>
                </List.Item>
              ))}
            </List>
          </ScrollArea.Autosize>
        </Stack>
      )}
      <Group justify="flex-end" gap="xs">
        <Button variant="default" onClick={onAgain}>
          {t('addToRoster.addMore')}
        </Button>
        <Button onClick={onClose}>{t('common.close')}</Button>
      </Group>
    </Stack>
  );
}

/**
 * Fill a session's roster from the programme's participants: everyone a filter picks (up to a
 * limit), people picked by name, or those a file or pasted list names by NIK or phone. The
 * server enforces capacity and double-booking and says who was refused and why, and which
 * lines of a list added nobody.
 */
export function AddToRosterModal({ session, onClose }: { session: SessionDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const reference = useReference();
  const sectorLabel = useSectorLabel();
  const addToSession = useAddToRoster(session.id);
  const addToCohort = useAddToCohort(session.programmeId, session.cohort?.id ?? '');
  /** With a cohort: the people join every planned or open session of it, not this one only. */
  const [wholeCohort, setWholeCohort] = useState(false);
  const toCohort = Boolean(session.cohort) && wholeCohort;
  const add = toCohort ? addToCohort : addToSession;
  const listToSession = useAddToRosterFromList(session.id);
  const listToCohort = useAddToCohortFromList(session.programmeId, session.cohort?.id ?? '');
  const addList = toCohort ? listToCohort : listToSession;
  const [file, setFile] = useState<File | null>(null);
  const [pasted, setPasted] = useState('');
  const listReady = file !== null || pasted.trim() !== '';
  const pasteError = isApiError(addList.error) ? addList.error.fields.text : undefined;
  const [mode, setMode] = useState<Mode>('filter');
  const [regency, setRegency] = useState<string | null>(null);
  const [sector, setSector] = useState<string | null>(null);
  const [gender, setGender] = useState<Gender | null>(null);
  const [active, setActive] = useState<YesNo>('yes');
  const [willing, setWilling] = useState<YesNo>('yes');
  const [notYetTrained, setNotYetTrained] = useState(false);
  const room = Math.max(session.capacity - session.rosterCount, 1);
  const [limit, setLimit] = useState<number | string>(Math.min(room, 2000));
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 300);
  const [picked, setPicked] = useState<Map<string, string>>(new Map());
  const [result, setResult] = useState<Result | null>(null);
  const found = useParticipants(session.programmeId, { q: debounced || undefined }, null, 20);
  const onRoster = new Set((session.roster ?? []).map((e) => e.personId));
  const names = useNames(result, picked);

  const submit = () => {
    if (mode === 'file') {
      addList.mutate(file ? { file } : { text: pasted }, { onSuccess: setResult });
      return;
    }
    if (mode === 'pick') {
      add.mutate({ personIds: [...picked.keys()] }, { onSuccess: setResult });
      return;
    }
    const filter: ParticipantPick = {
      regency: regency ?? undefined,
      sector: sector ?? undefined,
      gender: gender ?? undefined,
      active: fromYesNo(active),
      willing: fromYesNo(willing),
      notYetTrained: notYetTrained || undefined,
    };
    add.mutate({ filter, limit: Number(limit) || 1 }, { onSuccess: setResult });
  };
  const toggle = (id: string, name: string) =>
    setPicked((current) => {
      const next = new Map(current);
      if (next.has(id)) next.delete(id);
      else next.set(id, name);
      return next;
    });

  return (
    <ResponsiveModal opened onClose={onClose} title={t('addToRoster.title', { title: session.title })}>
      {result ? (
        <ResultPanel
          result={result}
          names={names}
          onClose={onClose}
          onAgain={() => {
            setResult(null);
            setPicked(new Map());
            setFile(null);
            setPasted('');
          }}
        />
      ) : (
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            {t('addToRoster.capacity', { roster: session.rosterCount, capacity: session.capacity })}
          </Text>
          <SegmentedControl
            value={mode}
            onChange={(value) => setMode(value === 'pick' || value === 'file' ? value : 'filter')}
            data={[
              { value: 'filter', label: t('addToRoster.byFilter') },
              { value: 'pick', label: t('addToRoster.byPerson') },
              { value: 'file', label: t('addToRoster.byFile') },
            ]}
          />
          {session.cohort && (
            <Checkbox
              label={t('addToRoster.wholeCohort', { name: session.cohort.name })}
              description={t('addToRoster.wholeCohortHint')}
              checked={wholeCohort}
              onChange={(event) => setWholeCohort(event.currentTarget.checked)}
            />
          )}
          {mode === 'file' ? (
            <>
              <FileInput label={t('addToRoster.file')} description={t('addToRoster.fileHint')} placeholder={t('addToRoster.filePlaceholder')} accept={LIST_ACCEPT} clearable value={file} onChange={setFile} />
              <Textarea
                label={t('addToRoster.paste')}
                description={t('addToRoster.pasteHint')}
                placeholder={t('addToRoster.pastePlaceholder')}
                autosize
                minRows={3}
                maxRows={10}
                disabled={file !== null}
                value={pasted}
                error={file === null ? pasteError : undefined}
                onChange={(event) => setPasted(event.currentTarget.value)}
              />
            </>
          ) : mode === 'filter' ? (
            <>
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
                <RegionPicker label={t('participants.fields.regency')} placeholder={t('common.all')} clearable value={regency} onChange={setRegency} />
                <Select
                  label={t('participants.fields.sector')}
                  placeholder={t('common.all')}
                  clearable
                  data={(reference.data?.sectors ?? []).map((value) => ({ value, label: sectorLabel(value) }))}
                  value={sector}
                  onChange={setSector}
                />
                <Select
                  label={t('participants.fields.gender')}
                  placeholder={t('common.all')}
                  clearable
                  data={GENDERS.map((value) => ({ value, label: t(`gender.${value}`) }))}
                  value={gender}
                  onChange={(value) => setGender(value === 'female' || value === 'male' ? value : null)}
                />
                <NumberInput label={t('addToRoster.limit')} description={t('addToRoster.limitHint')} min={1} max={2000} allowDecimal={false} value={limit} onChange={setLimit} />
                <YesNoSelect label={t('participants.fields.active')} placeholder={t('common.all')} value={active} onChange={setActive} />
                <YesNoSelect label={t('participants.fields.willing')} placeholder={t('common.all')} value={willing} onChange={setWilling} />
              </SimpleGrid>
              <Checkbox label={t('addToRoster.notYetTrained')} description={t('addToRoster.notYetTrainedHint')} checked={notYetTrained} onChange={(event) => setNotYetTrained(event.currentTarget.checked)} />
            </>
          ) : (
            <>
              <TextInput type="search" label={t('common.search')} placeholder={t('participants.searchPlaceholder')} value={search} onChange={(event) => setSearch(event.currentTarget.value)} />
              <ScrollArea.Autosize mah={300}>
                <Stack gap={4} aria-busy={found.isFetching}>
                  {(found.data?.items ?? []).map((row) => (
                    <Checkbox
                      key={row.personId}
                      label={row.businessName ? `${row.name} — ${row.businessName}` : row.name}
                      description={onRoster.has(row.personId) ? t('addToRoster.onRoster') : undefined}
                      disabled={onRoster.has(row.personId)}
                      checked={picked.has(row.personId) || onRoster.has(row.personId)}
                      onChange={() => toggle(row.personId, row.name)}
                    />
                  ))}
                  {found.data?.items.length === 0 && (
                    <Text size="sm" c="dimmed">
                      {t('participants.emptyFiltered')}
                    </Text>
                  )}
                </Stack>
              </ScrollArea.Autosize>
              <Text size="sm">{t('addToRoster.picked', { count: picked.size })}</Text>
            </>
          )}
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            {mode === 'file' ? (
              <Button loading={addList.isPending} disabled={!listReady} title={listReady ? undefined : t('addToRoster.fileOrPaste')} onClick={submit}>
                {t('addToRoster.submitList')}
              </Button>
            ) : (
              <Button loading={add.isPending} disabled={mode === 'pick' && picked.size === 0} onClick={submit}>
                {mode === 'pick' ? t('addToRoster.submitPicked', { count: picked.size }) : t('addToRoster.submitFilter')}
              </Button>
            )}
          </Group>
        </Stack>
      )}
    </ResponsiveModal>
  );
}

import { Button, Group, MultiSelect, NumberInput, SegmentedControl, Select, SimpleGrid, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useEvents, useLinkSessionEvent } from '../api/context.ts';
import { useLearningPath, useModules } from '../api/curriculum.ts';
import { useCohorts, useCreateCohort, useCreateSession, useTrainers, useUpdateSession, type SessionInput } from '../api/sessions.ts';
import { useSites } from '../api/sites.ts';
import { SESSION_KINDS, SESSION_MODALITIES, type SessionDetail, type SessionKind, type SessionModality, type SessionStatus } from '../api/types.ts';
import { applyServerErrors, orNull } from '../forms/server-errors.ts';
import { TIME_ZONE_LABELS, zoneOfRegion } from '../format/time-zone.ts';
import { useFormat } from '../i18n/use-format.ts';
import { notifySuccess } from '../notify.ts';
import { useLocalisedTitle } from '../programmes/curriculum/topic-label.ts';

type Values = {
  siteId: string | null;
  cohortId: string | null;
  title: string;
  kind: SessionKind;
  modality: SessionModality;
  meetingUrl: string;
  venue: string;
  startsAt: string;
  endsAt: string;
  capacity: number | string;
  moduleIds: string[];
  trainerIds: string[];
  notes: string;
  status: SessionStatus;
  /** The destination event the session is planned around (saved through its own link). */
  eventId: string | null;
};

const UTC_OFFSET: Record<string, string> = { WIB: 'UTC+7', WITA: 'UTC+8', WIT: 'UTC+9' };

function initialValues(session: SessionDetail | undefined): Values {
  return {
    siteId: session?.site.id ?? null,
    cohortId: session?.cohort?.id ?? null,
    title: session?.title ?? '',
    kind: session?.kind ?? 'regular',
    modality: session?.modality ?? 'in_person',
    meetingUrl: session?.meetingUrl ?? '',
    venue: session?.venue ?? '',
    startsAt: session?.startsAtLocal.slice(0, 16) ?? '',
    endsAt: session?.endsAtLocal.slice(0, 16) ?? '',
    capacity: session?.capacity ?? 30,
    moduleIds: session?.modules.map((m) => m.id) ?? [],
    trainerIds: session?.trainers.map((tr) => tr.id) ?? [],
    notes: session?.notes ?? '',
    status: session?.status ?? 'planned',
    eventId: session?.event?.id ?? null,
  };
}

/** A new cohort typed in place, chosen as soon as it is saved. */
function NewCohort({ programmeId, onCreated }: { programmeId: string; onCreated: (id: string) => void }) {
  const { t } = useTranslation();
  const create = useCreateCohort(programmeId);
  const [name, setName] = useState('');
  return (
    <Group align="flex-end" gap="xs">
      <TextInput label={t('sessions.newCohortName')} value={name} onChange={(event) => setName(event.currentTarget.value)} style={{ flex: '1 1 200px' }} error={create.isError ? create.error.message : undefined} />
      <Button variant="light" disabled={!name.trim()} loading={create.isPending} onClick={() => create.mutate({ name: name.trim(), description: null }, { onSuccess: (cohort) => onCreated(cohort.id) })}>
        {t('sessions.saveCohort')}
      </Button>
    </Group>
  );
}

/**
 * Plan or edit a session. Start and end are typed in the local time of the chosen site, whose
 * zone (WIB, WITA, WIT) the labels show; the server converts them with the same zone.
 */
export function SessionForm({ programmeId, session, onDone, onCancel }: { programmeId: string; session?: SessionDetail; onDone: (session: SessionDetail) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const title = useLocalisedTitle();
  const sites = useSites(programmeId);
  const cohorts = useCohorts(programmeId);
  const modules = useModules(programmeId);
  const path = useLearningPath(programmeId);
  const trainers = useTrainers(programmeId);
  const create = useCreateSession(programmeId);
  const update = useUpdateSession(session?.id ?? '');
  const events = useEvents(programmeId);
  const linkEvent = useLinkSessionEvent(programmeId);
  const format = useFormat();
  const [newCohort, setNewCohort] = useState(false);
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: initialValues(session),
    validate: {
      siteId: (value) => (value ? null : t('validation.required')),
      title: (value) => (value.trim() ? null : t('validation.required')),
      meetingUrl: (value, values) => (values.modality !== 'in_person' && !value.trim() ? t('sessions.meetingUrlRequired') : null),
      startsAt: (value) => (value ? null : t('validation.required')),
      endsAt: (value, values) => (!value ? t('validation.required') : values.startsAt && value <= values.startsAt ? t('sessions.endBeforeStart') : null),
      capacity: (value) => (typeof value === 'number' && value >= 1 ? null : t('validation.positiveNumber')),
      moduleIds: (value) => (value.length > 0 ? null : t('sessions.modulesRequired')),
    },
  });

  const site = sites.data?.items.find((s) => s.id === form.values.siteId);
  const zoneLabel = site ? TIME_ZONE_LABELS[zoneOfRegion(site.region.code)] : null;
  const timeLabel = (key: 'startsAt' | 'endsAt') => (zoneLabel ? `${t(`sessions.fields.${key}`)} (${zoneLabel})` : t(`sessions.fields.${key}`));
  // Modules in learning-path order first: sessions usually follow the path.
  const pathOrder = new Map((path.data?.modules ?? []).map((m) => [m.module.id, m.position]));
  const moduleOptions = [...(modules.data?.items ?? [])]
    .filter((m) => !m.archivedAt || form.values.moduleIds.includes(m.id))
    .sort((a, b) => (pathOrder.get(a.id) ?? 1e6) - (pathOrder.get(b.id) ?? 1e6) || a.code.localeCompare(b.code));

  const submit = form.onSubmit((values) => {
    const input: SessionInput = {
      siteId: values.siteId ?? '',
      cohortId: values.cohortId,
      title: values.title.trim(),
      kind: values.kind,
      modality: values.modality,
      meetingUrl: values.modality === 'in_person' ? null : orNull(values.meetingUrl),
      venue: orNull(values.venue),
      startsAt: values.startsAt,
      endsAt: values.endsAt,
      capacity: Number(values.capacity),
      moduleIds: values.moduleIds,
      trainerIds: values.trainerIds,
      notes: orNull(values.notes),
    };
    const onError = (error: Error) => applyServerErrors(form, error);
    // The event link has its own endpoint: set once the session is saved, and only when it changed.
    const finish = (saved: SessionDetail, message: string) => {
      const done = () => {
        notifySuccess(message);
        onDone(saved);
      };
      if (values.eventId === (session?.event?.id ?? null)) done();
      else linkEvent.mutate({ sessionId: saved.id, eventId: values.eventId }, { onSuccess: done, onError });
    };
    if (session) {
      update.mutate({ ...input, status: values.status }, { onSuccess: (saved) => finish(saved, t('common.saved')), onError });
    } else {
      create.mutate(input, { onSuccess: (saved) => finish(saved, t('sessions.created', { title: saved.title })), onError });
    }
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <TextInput label={t('sessions.fields.title')} required autoComplete="off" {...form.getInputProps('title')} />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <Select
            label={t('sessions.fields.site')}
            required
            searchable
            placeholder={t('common.choose')}
            data={(sites.data?.items ?? []).map((s) => ({ value: s.id, label: `${s.name} (${TIME_ZONE_LABELS[zoneOfRegion(s.region.code)]})` }))}
            nothingFoundMessage={t('common.noResults')}
            {...form.getInputProps('siteId')}
          />
          <Stack gap={4}>
            <Select
              label={t('sessions.fields.cohort')}
              placeholder={t('sessions.noCohort')}
              clearable
              data={(cohorts.data?.items ?? []).filter((c) => !c.archivedAt).map((c) => ({ value: c.id, label: c.name }))}
              {...form.getInputProps('cohortId')}
            />
            {!newCohort && (
              <Button variant="subtle" size="compact-xs" onClick={() => setNewCohort(true)} style={{ alignSelf: 'flex-start' }}>
                {t('sessions.newCohort')}
              </Button>
            )}
          </Stack>
        </SimpleGrid>
        {newCohort && (
          <NewCohort
            programmeId={programmeId}
            onCreated={(id) => {
              form.setFieldValue('cohortId', id);
              setNewCohort(false);
            }}
          />
        )}
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            {t('sessions.fields.kind')}
          </Text>
          <SegmentedControl
            aria-label={t('sessions.fields.kind')}
            data={SESSION_KINDS.map((value) => ({ value, label: t(`sessionKind.${value}`) }))}
            value={form.values.kind}
            onChange={(value) => form.setFieldValue('kind', value as SessionKind)}
            fullWidth
          />
          <Text size="xs" c="dimmed">
            {form.values.kind === 'tot' ? t('sessions.kindTotHint') : t('sessions.kindRegularHint')}
          </Text>
        </Stack>
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            {t('sessions.fields.modality')}
          </Text>
          <SegmentedControl
            aria-label={t('sessions.fields.modality')}
            data={SESSION_MODALITIES.map((value) => ({ value, label: t(`modality.${value}`) }))}
            value={form.values.modality}
            onChange={(value) => form.setFieldValue('modality', value as SessionModality)}
            fullWidth
          />
        </Stack>
        {form.values.modality !== 'in_person' && (
          <TextInput label={t('sessions.fields.meetingUrl')} placeholder="https://" type="url" required {...form.getInputProps('meetingUrl')} />
        )}
        {form.values.modality !== 'online' && <TextInput label={t('sessions.fields.venue')} description={t('sessions.venueHint')} {...form.getInputProps('venue')} />}
        <Text size="xs" c={zoneLabel ? 'dimmed' : 'orange.8'} mb={-8}>
          {zoneLabel ? t('sessions.localTimeHint', { zone: zoneLabel, offset: UTC_OFFSET[zoneLabel] ?? '' }) : t('sessions.pickSiteFirst')}
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput type="datetime-local" label={timeLabel('startsAt')} required {...form.getInputProps('startsAt')} />
          <TextInput type="datetime-local" label={timeLabel('endsAt')} required {...form.getInputProps('endsAt')} />
          <NumberInput label={t('sessions.fields.capacity')} required min={1} max={100_000} allowDecimal={false} {...form.getInputProps('capacity')} />
          {session && (
            <Select
              label={t('sessions.fields.status')}
              data={(['planned', 'open', 'done'] as const).map((value) => ({ value, label: t(`sessionStatus.${value}`) }))}
              disabled={session.status === 'cancelled'}
              allowDeselect={false}
              {...form.getInputProps('status')}
            />
          )}
        </SimpleGrid>
        <MultiSelect
          label={t('sessions.fields.modules')}
          required
          searchable
          placeholder={form.values.moduleIds.length ? undefined : t('common.choose')}
          description={t('sessions.modulesHint')}
          data={moduleOptions.map((m) => ({ value: m.id, label: `${m.code} — ${title(m.title)}` }))}
          nothingFoundMessage={t('sessions.noModules')}
          {...form.getInputProps('moduleIds')}
        />
        <MultiSelect
          label={t('sessions.fields.trainers')}
          searchable
          placeholder={form.values.trainerIds.length ? undefined : t('sessions.trainersPlaceholder')}
          description={t('sessions.trainersHint')}
          data={[
            ...(trainers.data?.items ?? []).map((tr) => ({ value: tr.id, label: tr.organisation ? `${tr.name} (${tr.organisation.name})` : tr.name })),
            ...(session?.trainers ?? []).filter((tr) => !trainers.data?.items.some((o) => o.id === tr.id)).map((tr) => ({ value: tr.id, label: tr.name })),
          ]}
          nothingFoundMessage={t('sessions.noTrainers')}
          {...form.getInputProps('trainerIds')}
        />
        <Select
          label={t('sessions.fields.event')}
          description={t('sessions.eventHint')}
          placeholder={t('sessions.noEvent')}
          clearable
          searchable
          data={(events.data?.items ?? []).map((e) => ({ value: e.id, label: `${e.title} (${format.dateRange(e.startsOn, e.endsOn)})` }))}
          nothingFoundMessage={t('common.noResults')}
          {...form.getInputProps('eventId')}
        />
        <Textarea label={t('sessions.fields.notes')} autosize minRows={2} maxRows={5} {...form.getInputProps('notes')} />
        <Group justify="flex-end" mt="sm">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={create.isPending || update.isPending || linkEvent.isPending}>
            {session ? t('common.save') : t('sessions.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

import { Alert, Button, Checkbox, Group, Loader, SegmentedControl, Select, SimpleGrid, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { DEFAULT_SUBJECT, DEFAULT_TEMPLATE, useCreateCampaign, usePreviewCampaign, type CampaignInput } from '../../api/campaigns.ts';
import { useReference } from '../../api/reference.ts';
import { useCohorts, useSessions } from '../../api/sessions.ts';
import { CHANNELS, GENDERS, PLACEHOLDERS, type Campaign, type Channel, type Gender } from '../../api/types.ts';
import { RegionPicker } from '../../components/RegionPicker.tsx';
import { applyServerErrors } from '../../forms/server-errors.ts';
import { fromYesNo, YesNoSelect, type YesNo } from '../../participants/YesNoSelect.tsx';
import { useSectorLabel } from '../targets/indicator-label.ts';
import { CampaignPreviewPanel } from './CampaignPreviewPanel.tsx';

type Values = {
  name: string;
  kind: 'session' | 'cohort';
  sessionId: string | null;
  cohortId: string | null;
  channel: Channel;
  subject: string;
  template: string;
  active: YesNo;
  willing: YesNo;
  regency: string | null;
  sector: string | null;
  gender: Gender | null;
  notYetTrained: boolean;
};

function toInput(values: Values): CampaignInput | null {
  const target = values.kind === 'session' ? (values.sessionId ? { sessionId: values.sessionId } : null) : values.cohortId ? { cohortId: values.cohortId } : null;
  if (!target) return null;
  return {
    name: values.name.trim() || '—',
    ...target,
    channel: values.channel,
    ...(values.channel === 'email' ? { subject: values.subject } : {}),
    template: values.template,
    filter: {
      active: fromYesNo(values.active),
      willing: fromYesNo(values.willing),
      regency: values.regency ?? undefined,
      sector: values.sector ?? undefined,
      gender: values.gender ?? undefined,
      notYetTrained: values.notYetTrained || undefined,
    },
  };
}

/**
 * A new invitation campaign: target (a session or a cohort), recipients (by default only the
 * participants who are willing and active), channel and a template in Bahasa Indonesia. The
 * preview (count and a rendered sample) follows every change; saving makes a draft to send.
 */
export function CampaignForm({ programmeId, sessionId, onCreated, onCancel }: { programmeId: string; sessionId?: string; onCreated: (campaign: Campaign) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const reference = useReference();
  const sectorLabel = useSectorLabel();
  const sessions = useSessions(programmeId, {}, 1, 200);
  const cohorts = useCohorts(programmeId);
  const create = useCreateCampaign(programmeId);
  const preview = usePreviewCampaign(programmeId);
  const templateRef = useRef<HTMLTextAreaElement>(null);
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: {
      name: '',
      kind: 'session',
      sessionId: sessionId ?? null,
      cohortId: null,
      channel: 'log',
      subject: DEFAULT_SUBJECT,
      template: DEFAULT_TEMPLATE,
      active: 'yes',
      willing: 'yes',
      regency: null,
      sector: null,
      gender: null,
      notYetTrained: false,
    },
    validate: {
      name: (value) => (value.trim() ? null : t('validation.required')),
      sessionId: (value, values) => (values.kind === 'session' && !value ? t('validation.required') : null),
      cohortId: (value, values) => (values.kind === 'cohort' && !value ? t('validation.required') : null),
      template: (value) => (value.trim() ? null : t('validation.required')),
    },
  });
  const openSessions = (sessions.data?.items ?? []).filter((s) => s.status === 'planned' || s.status === 'open' || s.id === form.values.sessionId);
  const chosen = openSessions.find((s) => s.id === form.values.sessionId);

  // The name follows the chosen session until the user types one.
  const named = useRef(false);
  useEffect(() => {
    if (!named.current && chosen) form.setFieldValue('name', t('campaigns.defaultName', { title: chosen.title }));
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only when the target changes
  }, [chosen?.id]);

  const input = toInput(form.values);
  const [debounced] = useDebouncedValue(input ? JSON.stringify(input) : '', 500);
  const { mutate: runPreview } = preview;
  useEffect(() => {
    if (debounced) runPreview(JSON.parse(debounced) as CampaignInput, { onError: (error) => applyServerErrors(form, error) });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the form object is stable
  }, [debounced, runPreview]);

  const insert = (name: string) => {
    const field = templateRef.current;
    const text = `{{${name}}}`;
    const value = form.values.template;
    const start = field?.selectionStart ?? value.length;
    const end = field?.selectionEnd ?? value.length;
    form.setFieldValue('template', value.slice(0, start) + text + value.slice(end));
    requestAnimationFrame(() => {
      field?.focus();
      field?.setSelectionRange(start + text.length, start + text.length);
    });
  };

  const submit = form.onSubmit((values) => {
    const body = toInput(values);
    if (body) create.mutate(body, { onSuccess: onCreated, onError: (error) => applyServerErrors(form, error) });
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <SegmentedControl
          aria-label={t('campaigns.fields.target')}
          value={form.values.kind}
          onChange={(value) => form.setFieldValue('kind', value === 'cohort' ? 'cohort' : 'session')}
          data={[
            { value: 'session', label: t('campaigns.targetSession') },
            { value: 'cohort', label: t('campaigns.targetCohort') },
          ]}
        />
        {form.values.kind === 'session' ? (
          <Select
            label={t('campaigns.fields.session')}
            required
            searchable
            placeholder={t('common.choose')}
            data={openSessions.map((s) => ({ value: s.id, label: `${s.title} — ${s.when}` }))}
            nothingFoundMessage={t('campaigns.noOpenSessions')}
            {...form.getInputProps('sessionId')}
          />
        ) : (
          <Select
            label={t('campaigns.fields.cohort')}
            required
            placeholder={t('common.choose')}
            data={(cohorts.data?.items ?? []).filter((c) => !c.archivedAt).map((c) => ({ value: c.id, label: c.name }))}
            nothingFoundMessage={t('campaigns.noCohorts')}
            {...form.getInputProps('cohortId')}
          />
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput
            label={t('campaigns.fields.name')}
            required
            {...form.getInputProps('name')}
            onChange={(event) => {
              named.current = true;
              form.setFieldValue('name', event.currentTarget.value);
            }}
          />
          <Select
            label={t('campaigns.fields.channel')}
            description={form.values.channel === 'log' ? t('campaigns.logHint') : t('campaigns.channelHint')}
            allowDeselect={false}
            data={CHANNELS.map((value) => ({ value, label: t(`channel.${value}`) }))}
            {...form.getInputProps('channel')}
          />
        </SimpleGrid>
        <Title order={4} size="h5" mt="xs">
          {t('campaigns.recipientsTitle')}
        </Title>
        <Text size="sm" c="dimmed" mt={-8}>
          {t('campaigns.recipientsHint')}
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing="sm">
          <YesNoSelect label={t('participants.fields.willing')} placeholder={t('common.all')} {...form.getInputProps('willing')} value={form.values.willing} />
          <YesNoSelect label={t('participants.fields.active')} placeholder={t('common.all')} {...form.getInputProps('active')} value={form.values.active} />
          <RegionPicker label={t('participants.fields.regency')} placeholder={t('common.all')} clearable value={form.values.regency} onChange={(code) => form.setFieldValue('regency', code)} />
          <Select
            label={t('participants.fields.sector')}
            placeholder={t('common.all')}
            clearable
            data={(reference.data?.sectors ?? []).map((value) => ({ value, label: sectorLabel(value) }))}
            {...form.getInputProps('sector')}
          />
          <Select
            label={t('participants.fields.gender')}
            placeholder={t('common.all')}
            clearable
            data={GENDERS.map((value) => ({ value, label: t(`gender.${value}`) }))}
            {...form.getInputProps('gender')}
          />
          <Checkbox mt={{ base: 0, sm: 28 }} label={t('addToRoster.notYetTrained')} {...form.getInputProps('notYetTrained', { type: 'checkbox' })} />
        </SimpleGrid>
        <Title order={4} size="h5" mt="xs">
          {t('campaigns.messageTitle')}
        </Title>
        {form.values.channel === 'email' && <TextInput label={t('campaigns.fields.subject')} {...form.getInputProps('subject')} />}
        <Textarea
          ref={templateRef}
          label={t('campaigns.fields.template')}
          description={t('campaigns.templateHint')}
          autosize
          minRows={6}
          maxRows={14}
          required
          {...form.getInputProps('template')}
        />
        <Group gap={6} aria-label={t('campaigns.placeholders')} role="group">
          <Text size="xs" c="dimmed">
            {t('campaigns.insert')}
          </Text>
          {PLACEHOLDERS.map((name) => (
            <Button key={name} size="compact-xs" variant="light" ff="monospace" onClick={() => insert(name)} title={t(`placeholder.${name}`)}>
              {`{{${name}}}`}
            </Button>
          ))}
        </Group>
        <Group justify="space-between" mt="xs">
          <Title order={4} size="h5">
            {t('campaigns.preview.title')}
          </Title>
          {preview.isPending && <Loader size="xs" />}
        </Group>
        {preview.isError && (
          <Alert color="red" role="alert">
            {preview.error.message}
          </Alert>
        )}
        {preview.data ? (
          <CampaignPreviewPanel preview={preview.data} busy={preview.isPending} />
        ) : (
          <Text size="sm" c="dimmed">
            {input ? t('common.loading') : t('campaigns.preview.chooseTarget')}
          </Text>
        )}
        <Group justify="flex-end" mt="sm">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={create.isPending}>
            {t('campaigns.saveDraft')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

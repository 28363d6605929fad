import { Alert, Anchor, Button, Card, Checkbox, Group, List, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fetchMyDataExport, useEraseMyData, useMyData, useRequestMyDataCode, useVerifyMyDataCode, type MyDataSummary } from '../api/my-data.ts';
import { PublicFrame } from '../components/PublicFrame.tsx';
import { FieldList } from '../components/FieldList.tsx';
import { PageLoader, QueryError } from '../components/QueryState.tsx';
import { ResponsiveModal } from '../components/ResponsiveModal.tsx';
import { applyServerErrors, formLevelError } from '../forms/server-errors.ts';
import { useFormat } from '../i18n/use-format.ts';
import { useSectorLabel } from '../programmes/targets/indicator-label.ts';
import { saveBlob } from '../format/save-file.ts';

/** Step 1: the phone number or email; the answer never says whether it is registered. */
function ContactStep({ onSent }: { onSent: (contact: string, message: string) => void }) {
  const { t } = useTranslation();
  const request = useRequestMyDataCode();
  const form = useForm({ mode: 'controlled', initialValues: { contact: '' }, validate: { contact: (value) => (value.trim() ? null : t('validation.required')) } });
  const problem = formLevelError(request.error, 'contact');
  const submit = form.onSubmit(({ contact }) =>
    request.mutate(contact.trim(), { onSuccess: ({ message }) => onSent(contact.trim(), message), onError: (error) => applyServerErrors(form, error) }),
  );
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <TextInput label={t('myData.contact')} description={t('myData.contactHint')} autoComplete="on" size="md" required {...form.getInputProps('contact')} />
        {problem && (
          <Alert color="red" role="alert">
            {problem}
          </Alert>
        )}
        <Button type="submit" size="md" loading={request.isPending}>
          {t('myData.sendCode')}
        </Button>
      </Stack>
    </form>
  );
}

/** Step 2: the code from the message. */
function CodeStep({ contact, message, onVerified, onRestart }: { contact: string; message: string; onVerified: (token: string) => void; onRestart: () => void }) {
  const { t } = useTranslation();
  const verify = useVerifyMyDataCode();
  const again = useRequestMyDataCode();
  const [notice, setNotice] = useState(message);
  const form = useForm({ mode: 'controlled', initialValues: { code: '' }, validate: { code: (value) => (value.trim() ? null : t('validation.required')) } });
  const submit = form.onSubmit(({ code }) => verify.mutate({ contact, code: code.trim() }, { onSuccess: ({ token }) => onVerified(token), onError: (error) => applyServerErrors(form, error) }));
  const problem = formLevelError(verify.error, 'code');
  const resend = () => again.mutate(contact, { onSuccess: (answer) => (setNotice(answer.message), form.reset()) });
  return (
    <Stack gap="sm">
      <Alert color="blue" role="status">
        {notice}
      </Alert>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <TextInput
            label={t('myData.code')}
            description={t('myData.codeHint')}
            autoComplete="one-time-code"
            inputMode="numeric"
            maxLength={6}
            size="md"
            ff="monospace"
            required
            {...form.getInputProps('code')}
          />
          {problem && (
            <Alert color="red" role="alert">
              {problem}
            </Alert>
          )}
          <Button type="submit" size="md" loading={verify.isPending}>
            {t('myData.verify')}
          </Button>
        </Stack>
      </form>
      {again.isError && (
        <Alert color="red" role="alert">
          {again.error.message}
        </Alert>
      )}
      <Group gap="md">
        <Anchor component="button" type="button" size="sm" onClick={resend} disabled={again.isPending}>
          {t('myData.newCode')}
        </Anchor>
        <Anchor component="button" type="button" size="sm" onClick={onRestart}>
          {t('myData.otherContact')}
        </Anchor>
      </Group>
    </Stack>
  );
}

/** The confirmation before deleting: what goes, what stays. */
function EraseDialog({ opened, onClose, token, onErased }: { opened: boolean; onClose: () => void; token: string; onErased: (message: string) => void }) {
  const { t } = useTranslation();
  const erase = useEraseMyData(token);
  const [understood, setUnderstood] = useState(false);
  return (
    <ResponsiveModal opened={opened} onClose={onClose} title={t('myData.erase.title')}>
      <Stack gap="sm">
        <Alert color="red" title={t('myData.erase.warningTitle')}>
          {t('myData.erase.removed')}
        </Alert>
        <Text size="sm">{t('myData.erase.kept')}</Text>
        <Checkbox label={t('myData.erase.confirm')} checked={understood} onChange={(event) => setUnderstood(event.currentTarget.checked)} />
        {erase.isError && (
          <Alert color="red" role="alert">
            {erase.error.message}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button color="red" disabled={!understood} loading={erase.isPending} onClick={() => erase.mutate(undefined, { onSuccess: ({ message }) => onErased(message) })}>
            {t('myData.erase.submit')}
          </Button>
        </Group>
      </Stack>
    </ResponsiveModal>
  );
}

/** Step 3: what is held, the two downloads and the deletion request. */
function Summary({ token, data, onErased }: { token: string; data: MyDataSummary; onErased: (message: string) => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const sectorLabel = useSectorLabel();
  const [busy, setBusy] = useState<'json' | 'pdf' | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [erasing, setErasing] = useState(false);
  const download = async (kind: 'json' | 'pdf') => {
    setBusy(kind);
    setProblem(null);
    try {
      const { blob, filename } = await fetchMyDataExport(token, kind);
      saveBlob(blob, filename);
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(null);
    }
  };
  return (
    <Stack gap="md">
      <Card withBorder radius="md" padding="md" component="section" aria-labelledby="my-data-summary">
        <Title order={2} size="h4" id="my-data-summary" mb="xs">
          {t('myData.summaryTitle')}
        </Title>
        <Stack gap={8}>
          <FieldList
            fields={[
              { label: t('myData.name'), value: data.name },
              { label: t('myData.nik'), value: data.nik ?? '—' },
              { label: t('myData.phone'), value: data.phone ?? '—' },
              { label: t('myData.email'), value: data.email ?? '—' },
              {
                label: t('myData.businesses'),
                wide: true,
                value:
                  data.businesses.length === 0 ? (
                    t('myData.none')
                  ) : (
                    <List size="sm">
                      {data.businesses.map((b, index) => (
                        <List.Item key={`${b.name}-${index}`}>
                          {b.name} · {sectorLabel(b.sector)}
                        </List.Item>
                      ))}
                    </List>
                  ),
              },
              {
                label: t('myData.programmes'),
                wide: true,
                value:
                  data.programmes.length === 0 ? (
                    t('myData.none')
                  ) : (
                    <List size="sm">
                      {data.programmes.map((p) => (
                        <List.Item key={p.code}>{p.name}</List.Item>
                      ))}
                    </List>
                  ),
              },
            ]}
          />
          <Text size="sm" c="dimmed">
            {t('myData.counts', {
              attendance: format.number(data.counts.attendance),
              invitations: format.number(data.counts.invitations),
              certificates: format.number(data.counts.certificates),
              consents: format.number(data.counts.consents),
            })}
          </Text>
        </Stack>
      </Card>
      <Card withBorder radius="md" padding="md" component="section">
        <Text size="sm" mb="sm">
          {t('myData.downloadHint')}
        </Text>
        <Group gap="xs" grow>
          <Button variant="light" loading={busy === 'json'} disabled={busy !== null} onClick={() => void download('json')}>
            {t('myData.downloadJson')}
          </Button>
          <Button variant="light" loading={busy === 'pdf'} disabled={busy !== null} onClick={() => void download('pdf')}>
            {t('myData.downloadPdf')}
          </Button>
        </Group>
        {problem && (
          <Text size="sm" c="red.8" role="alert" mt="xs">
            {problem}
          </Text>
        )}
      </Card>
      <Button color="red" variant="outline" onClick={() => setErasing(true)}>
        {t('myData.erase.open')}
      </Button>
      <Text size="xs" c="dimmed">
        {t('myData.accessUntil', { time: format.dateTime(data.expiresAt) })}
      </Text>
      <EraseDialog opened={erasing} onClose={() => setErasing(false)} token={token} onErased={onErased} />
    </Stack>
  );
}

type Step = { kind: 'contact' } | { kind: 'code'; contact: string; message: string } | { kind: 'data'; token: string } | { kind: 'erased'; message: string };

/**
 * The participant's own data rights (`/data-saya`), without an account: a one-time code to the
 * phone number or email they registered with, then their data, its export and its deletion.
 * The access token lives in memory only: closing the page ends it.
 */
export default function MyDataPage() {
  const { t, i18n } = useTranslation();
  const [step, setStep] = useState<Step>({ kind: 'contact' });
  const query = useMyData(step.kind === 'data' ? step.token : null, i18n.language);
  return (
    <PublicFrame>
      <Stack gap="md">
        <div>
          <Title order={1} fz={26}>
            {t('myData.title')}
          </Title>
          {step.kind !== 'erased' && (
            <Text mt={4} size="sm">
              {t('myData.intro')}
            </Text>
          )}
        </div>
        {step.kind === 'contact' && <ContactStep onSent={(contact, message) => setStep({ kind: 'code', contact, message })} />}
        {step.kind === 'code' && <CodeStep contact={step.contact} message={step.message} onVerified={(token) => setStep({ kind: 'data', token })} onRestart={() => setStep({ kind: 'contact' })} />}
        {step.kind === 'data' &&
          (query.isPending ? (
            <PageLoader />
          ) : query.isError ? (
            <Stack gap="xs">
              <QueryError error={query.error} onRetry={() => void query.refetch()} />
              <Anchor component="button" type="button" size="sm" onClick={() => setStep({ kind: 'contact' })}>
                {t('myData.newCode')}
              </Anchor>
            </Stack>
          ) : (
            <Summary token={step.token} data={query.data} onErased={(message) => setStep({ kind: 'erased', message })} />
          ))}
        {step.kind === 'erased' && (
          <Alert color="teal" title={t('myData.erase.doneTitle')} role="status">
            {step.message}
          </Alert>
        )}
      </Stack>
    </PublicFrame>
  );
}

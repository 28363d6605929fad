import { Alert, Box, Button, Card, Group, List, Stack, Text, TextInput, ThemeIcon, Title } from '@mantine/core';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { useVerification } from '../api/certificates.ts';
import { isApiError } from '../api/client.ts';
import type { Verification } from '../api/types.ts';
import { PublicFrame } from '../components/PublicFrame.tsx';
import { PageLoader, QueryError } from '../components/QueryState.tsx';
import { useFormat } from '../i18n/use-format.ts';
import { useLocalisedTitle } from '../programmes/curriculum/topic-label.ts';

/** Type a code (e.g. read off a printed certificate) to check it. */
function CodeForm({ initial = '' }: { initial?: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [code, setCode] = useState(initial);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const clean = code.trim().replace(/\s+/g, '');
    if (clean) void navigate(`/verify/${encodeURIComponent(clean)}`);
  };
  return (
    <form onSubmit={submit}>
      <Group align="flex-end" gap="xs" wrap="nowrap">
        <TextInput
          label={t('verify.codeLabel')}
          description={t('verify.codeHint')}
          value={code}
          onChange={(event) => setCode(event.currentTarget.value)}
          autoCapitalize="characters"
          autoComplete="off"
          ff="monospace"
          style={{ flex: 1, minWidth: 0 }}
        />
        <Button type="submit">{t('verify.check')}</Button>
      </Group>
    </form>
  );
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" fw={600} tt="uppercase">
        {label}
      </Text>
      <Box fz="md" style={{ overflowWrap: 'anywhere' }}>
        {children}
      </Box>
    </div>
  );
}

function Result({ result }: { result: Verification }) {
  const { t } = useTranslation();
  const format = useFormat();
  const title = useLocalisedTitle();
  const valid = result.valid;
  return (
    <Stack gap="md">
      <Card
        radius="md"
        padding="md"
        bg={valid ? 'teal.0' : 'red.0'}
        withBorder
        style={{ borderColor: `var(--mantine-color-${valid ? 'teal' : 'red'}-4)` }}
        role="status"
        aria-label={t('verify.statusLabel')}
        data-testid="verification-status"
      >
        <Group gap="sm" wrap="nowrap" align="flex-start">
          <ThemeIcon size={44} radius="xl" color={valid ? 'teal' : 'red'} aria-hidden>
            <Text fw={800} fz={24} c="white" lh={1}>
              {valid ? '✓' : '✕'}
            </Text>
          </ThemeIcon>
          <Stack gap={2} style={{ minWidth: 0 }}>
            <Title order={1} fz={24} c={valid ? 'teal.9' : 'red.9'}>
              {valid ? t('verify.valid') : t('verify.revoked')}
            </Title>
            <Text size="sm">{result.message}</Text>
            {result.revokedAt && (
              <Text size="sm" fw={600} c="red.9">
                {t('verify.revokedOn', { date: format.dateTime(result.revokedAt) })}
              </Text>
            )}
          </Stack>
        </Group>
      </Card>
      <Card withBorder radius="md" padding="md" component="section" aria-label={t('verify.details')}>
        <Stack gap="sm">
          <Field label={t('verify.holder')}>
            <Text fw={700} fz="lg" data-testid="holder-name">
              {result.holderName}
            </Text>
          </Field>
          <Field label={t('verify.programme')}>
            {result.programme.name}
            <Text size="sm" c="dimmed" ff="monospace">
              {result.programme.code}
            </Text>
          </Field>
          {result.partners.length > 0 && <Field label={t('verify.partners')}>{result.partners.join(', ')}</Field>}
          {result.modules.length > 0 && (
            <Field label={t('verify.modules')}>
              <List size="sm" spacing={2}>
                {result.modules.map((m, index) => (
                  <List.Item key={index}>{title(m)}</List.Item>
                ))}
              </List>
            </Field>
          )}
          <Field label={t('verify.issuedOn')}>{format.date(result.issuedOn)}</Field>
          <Field label={t('verify.serial')}>
            <Text ff="monospace">{result.serial}</Text>
          </Field>
        </Stack>
      </Card>
      <Text size="xs" c="dimmed">
        {t('verify.privacy')}
      </Text>
    </Stack>
  );
}

/** The public verification page behind a certificate's QR code: no sign-in, no NIK or phone, made for a phone. */
export default function VerifyPage() {
  const { t, i18n } = useTranslation();
  const { code = '' } = useParams();
  const query = useVerification(code, i18n.language);
  const notFound = query.isError && isApiError(query.error) && query.error.status === 404;
  return (
    <PublicFrame>
      <Stack gap="md">
        <Text size="sm" c="dimmed" fw={600} tt="uppercase">
          {t('verify.title')}
        </Text>
        {!code ? (
          <Stack gap="sm">
            <Text>{t('verify.intro')}</Text>
            <CodeForm />
          </Stack>
        ) : query.isPending ? (
          <PageLoader />
        ) : notFound ? (
          <Stack gap="sm">
            <Alert color="orange" title={t('verify.notFound')} role="alert" data-testid="verification-status">
              <Text size="sm">{query.error.message}</Text>
              <Text size="sm" mt={4}>
                {t('verify.notFoundHint', { code })}
              </Text>
            </Alert>
            <CodeForm initial={code} />
          </Stack>
        ) : query.isError ? (
          <QueryError error={query.error} onRetry={() => void query.refetch()} />
        ) : (
          <Result result={query.data} />
        )}
      </Stack>
    </PublicFrame>
  );
}

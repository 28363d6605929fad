import { Badge, Button, Card, Group, Paper, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { certificatePdfUrl, useRevokeCertificate } from '../../api/certificates.ts';
import { isApiError } from '../../api/client.ts';
import type { Certificate } from '../../api/types.ts';
import { EmptyMessage } from '../../components/QueryState.tsx';
import { ResponsiveModal } from '../../components/ResponsiveModal.tsx';
import { useFormat } from '../../i18n/use-format.ts';
import { notifySuccess } from '../../notify.ts';

function RevokeForm({ programmeId, certificate, onDone }: { programmeId: string; certificate: Certificate; onDone: () => void }) {
  const { t } = useTranslation();
  const revoke = useRevokeCertificate(programmeId);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = () => {
    if (reason.trim().length < 3) return setError(t('validation.minLength', { min: 3 }));
    revoke.mutate(
      { id: certificate.id, reason: reason.trim() },
      {
        onSuccess: () => {
          notifySuccess(t('certificates.revoked', { serial: certificate.serial }));
          onDone();
        },
        onError: (e) => setError(isApiError(e) ? (e.fields.reason ?? null) : null),
      },
    );
  };
  return (
    <Stack gap="sm">
      <Text size="sm">{t('certificates.revokeMessage', { serial: certificate.serial, name: certificate.holderName })}</Text>
      <Textarea
        label={t('certificates.fields.reason')}
        required
        autosize
        minRows={2}
        value={reason}
        error={error}
        onChange={(event) => {
          setReason(event.currentTarget.value);
          setError(null);
        }}
      />
      <Group justify="flex-end">
        <Button variant="default" onClick={onDone}>
          {t('common.cancel')}
        </Button>
        <Button color="red" loading={revoke.isPending} onClick={submit}>
          {t('certificates.revoke')}
        </Button>
      </Group>
    </Stack>
  );
}

function Status({ certificate }: { certificate: Certificate }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (!certificate.revokedAt)
    return (
      <Badge color="teal" variant="light" tt="none">
        {t('certificates.issuedBadge')}
      </Badge>
    );
  return (
    <Stack gap={0}>
      <Badge color="red" variant="light" tt="none">
        {t('certificates.revokedBadge')}
      </Badge>
      <Text size="xs" c="dimmed">
        {format.dateTime(certificate.revokedAt)}
        {certificate.revocationReason && ` · ${certificate.revocationReason}`}
      </Text>
    </Stack>
  );
}

/** Issued certificates: the PDF, the public verification page, and revocation with a reason. */
export function CertificateList({ programmeId, certificates, total, canRevoke }: { programmeId: string; certificates: Certificate[]; total: number; canRevoke: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const wide = useMediaQuery('(min-width: 48em)', true, { getInitialValueInEffect: false });
  const [revoking, setRevoking] = useState<Certificate | null>(null);
  const actions = (c: Certificate) => (
    <Group gap={4} wrap="wrap">
      <Button size="xs" variant="light" component="a" href={certificatePdfUrl(c.id)} download>
        {t('certificates.pdf')}
      </Button>
      <Button size="xs" variant="subtle" component="a" href={`/verify/${c.verificationCode}`} target="_blank" rel="noopener noreferrer">
        {t('certificates.verifyPage')}
      </Button>
      {canRevoke && !c.revokedAt && (
        <Button size="xs" variant="subtle" color="red" onClick={() => setRevoking(c)} aria-label={t('certificates.revokeFor', { serial: c.serial })}>
          {t('certificates.revoke')}
        </Button>
      )}
    </Group>
  );
  return (
    <Paper withBorder radius="md" p={{ base: 'sm', sm: 'md' }} component="section" aria-labelledby="certificates-title">
      <Group justify="space-between" mb="sm" gap="xs">
        <Title order={3} size="h4" id="certificates-title">
          {t('certificates.listTitle')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('certificates.total', { formatted: format.number(total) })}
        </Text>
      </Group>
      {certificates.length === 0 ? (
        <EmptyMessage title={t('certificates.empty')} description={t('certificates.emptyHint')} />
      ) : wide ? (
        <Table.ScrollContainer minWidth={760} mah={560}>
          <Table verticalSpacing={6} striped aria-label={t('certificates.listTitle')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('certificates.fields.serial')}</Table.Th>
                <Table.Th>{t('certificates.fields.holder')}</Table.Th>
                <Table.Th>{t('certificates.fields.issuedOn')}</Table.Th>
                <Table.Th>{t('certificates.fields.status')}</Table.Th>
                <Table.Th>{t('common.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {certificates.map((c) => (
                <Table.Tr key={c.id} aria-label={c.serial}>
                  <Table.Td>
                    <Text size="sm" ff="monospace">
                      {c.serial}
                    </Text>
                    <Text size="xs" c="dimmed" ff="monospace">
                      {c.verificationCode}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{c.holderName}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{format.date(c.issuedOn)}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Status certificate={c} />
                  </Table.Td>
                  <Table.Td>{actions(c)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : (
        <Stack gap="xs">
          {certificates.map((c) => (
            <Card key={c.id} withBorder radius="md" padding="sm" component="article" aria-label={c.serial}>
              <Group justify="space-between" gap={4} align="flex-start" wrap="nowrap">
                <Stack gap={0} style={{ minWidth: 0 }}>
                  <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
                    {c.holderName}
                  </Text>
                  <Text size="xs" ff="monospace" style={{ overflowWrap: 'anywhere' }}>
                    {c.serial}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {format.date(c.issuedOn)}
                  </Text>
                </Stack>
                <Status certificate={c} />
              </Group>
              <Stack mt={6}>{actions(c)}</Stack>
            </Card>
          ))}
        </Stack>
      )}
      <ResponsiveModal opened={revoking !== null} onClose={() => setRevoking(null)} title={t('certificates.revokeTitle')} size="md">
        {revoking && <RevokeForm programmeId={programmeId} certificate={revoking} onDone={() => setRevoking(null)} />}
      </ResponsiveModal>
    </Paper>
  );
}

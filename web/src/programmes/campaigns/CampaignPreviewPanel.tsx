import { Alert, Group, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CampaignPreview } from '../../api/types.ts';
import { useFormat } from '../../i18n/use-format.ts';

/** How many get the message, who is skipped and why, and the message as the first recipient reads it. */
export function CampaignPreviewPanel({ preview, busy }: { preview: CampaignPreview; busy?: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const counts = [
    { key: 'matched', label: t('campaigns.preview.matched'), value: preview.matched },
    { key: 'recipients', label: t('campaigns.preview.recipients'), value: preview.recipients },
    { key: 'optedOut', label: t('campaigns.preview.optedOut'), value: preview.skipped.opted_out },
    { key: 'noAddress', label: t('campaigns.preview.noAddress'), value: preview.skipped.no_address },
  ];
  return (
    <Stack gap="sm" component="section" aria-label={t('campaigns.preview.title')} aria-busy={busy} style={{ opacity: busy ? 0.6 : 1 }}>
      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="xs">
        {counts.map((count) => (
          <Paper key={count.key} withBorder radius="md" p="xs" role="group" aria-label={count.label}>
            <Text size="xs" c="dimmed" fw={600}>
              {count.label}
            </Text>
            <Text fz={24} fw={700} lh={1.2} c={count.key === 'recipients' ? 'teal.8' : undefined}>
              {format.number(count.value)}
            </Text>
          </Paper>
        ))}
      </SimpleGrid>
      {preview.sample ? (
        <Paper withBorder radius="md" p="sm" bg="gray.0" role="group" aria-label={t('campaigns.preview.sample')}>
          <Text size="xs" c="dimmed" fw={600} tt="uppercase" mb={4}>
            {t('campaigns.preview.sample')}
          </Text>
          {preview.sample.subject && (
            <Group gap={4} mb={4}>
              <Text size="sm" fw={600}>
                {t('campaigns.fields.subject')}:
              </Text>
              <Text size="sm">{preview.sample.subject}</Text>
            </Group>
          )}
          <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
            {preview.sample.body}
          </Text>
          <Text size="xs" c="dimmed" mt={6}>
            {t('campaigns.preview.linkNote')}
          </Text>
        </Paper>
      ) : (
        <Alert color="orange">{t('campaigns.preview.nobody')}</Alert>
      )}
    </Stack>
  );
}

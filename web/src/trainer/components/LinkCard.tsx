import { Badge, Card, Group, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { navigate } from '../navigation.ts';

/** A card that opens another screen of the trainer app: its title with a badge beside it, then the details. */
export function LinkCard({ href, title, corner, children }: { href: string; title: string; corner: ReactNode; children: ReactNode }) {
  return (
    <Card
      withBorder
      radius="md"
      padding="sm"
      component="a"
      href={href}
      onClick={(event) => {
        event.preventDefault();
        navigate(href);
      }}
      aria-label={title}
    >
      <Group justify="space-between" gap={4} wrap="nowrap" align="flex-start">
        <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
          {title}
        </Text>
        {corner}
      </Group>
      {children}
    </Card>
  );
}

/** Records captured on this device and not yet on the server (nothing when none). */
export function PendingBadge({ count }: { count: number }) {
  const { t } = useTranslation();
  if (count === 0) return null;
  return (
    <Badge color="yellow" variant="filled" size="sm" c="dark">
      {t('trainer.sync.pending', { count })}
    </Badge>
  );
}

import { SimpleGrid, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';

export type Field = { label: string; value: ReactNode; wide?: boolean };

/** Read-only label/value pairs, two columns on wide screens. */
export function FieldList({ fields }: { fields: Field[] }) {
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md" verticalSpacing="md" component="dl" m={0}>
      {fields.map((field) => (
        <Stack key={field.label} gap={2} style={field.wide ? { gridColumn: '1 / -1' } : undefined}>
          <Text component="dt" size="xs" c="dimmed" tt="uppercase" fw={600}>
            {field.label}
          </Text>
          <Text component="dd" m={0} size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
            {field.value}
          </Text>
        </Stack>
      ))}
    </SimpleGrid>
  );
}

import { Button, Center, Code, CopyButton, Group, Image, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { svgDataUrl } from '../format/svg.ts';

/** A personal link to share (copy) and its QR code from the server (an SVG shown as an image, never as markup). */
export function LinkWithQr({ url, svg, alt, hint, actions }: { url: string; svg: string; alt: string; hint?: string; actions?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Stack gap="sm">
      <Center>
        <Image src={svgDataUrl(svg)} alt={alt} w={220} h={220} fit="contain" />
      </Center>
      {hint && (
        <Text size="sm" c="dimmed">
          {hint}
        </Text>
      )}
      <Code block style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' }} data-testid="shared-link">
        {url}
      </Code>
      <Group gap="xs">
        <CopyButton value={url}>
          {({ copied, copy }) => (
            <Button variant="light" color={copied ? 'teal' : undefined} onClick={copy}>
              {copied ? t('common.copied') : t('common.copyLink')}
            </Button>
          )}
        </CopyButton>
        {actions}
      </Group>
    </Stack>
  );
}

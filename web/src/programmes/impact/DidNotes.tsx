import { List, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Bilingual } from '../../api/quality.ts';

/** A text the API gives in both languages, in the reader's. */
export function useBilingual() {
  const { i18n } = useTranslation();
  return (text: Bilingual) => (i18n.language === 'en' ? text.en : text.id);
}

/** The caveats of a difference-in-differences estimate (impact and outcomes), under their heading. */
export function DidCaveats({ caveats }: { caveats: (Bilingual & { code: string })[] }) {
  const { t } = useTranslation();
  const text = useBilingual();
  return (
    <>
      <Text size="sm" fw={600} mt="xs">
        {t('impact.caveats')}
      </Text>
      <List size="sm" spacing={4}>
        {caveats.map((c) => (
          <List.Item key={c.code}>{text(c)}</List.Item>
        ))}
      </List>
    </>
  );
}

/** How an estimate was made, under its heading. */
export function DidMethod({ method }: { method: Bilingual }) {
  const { t } = useTranslation();
  const text = useBilingual();
  return (
    <>
      <Text size="sm" fw={600} mt="xs">
        {t('impact.method')}
      </Text>
      <Text size="xs" c="dimmed">
        {text(method)}
      </Text>
    </>
  );
}

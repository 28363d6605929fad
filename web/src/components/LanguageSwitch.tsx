import { SegmentedControl } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { changeLanguage, currentLanguage, type Language } from '../i18n/setup.ts';

export function LanguageSwitch() {
  // useTranslation re-renders the switch when the language changes.
  const { t } = useTranslation();
  return (
    <SegmentedControl
      size="xs"
      aria-label={t('language.label')}
      value={currentLanguage()}
      onChange={(value) => void changeLanguage(value as Language)}
      data={[
        { value: 'id', label: <span title={t('language.id')}>{t('language.idShort')}</span> },
        { value: 'en', label: <span title={t('language.en')}>{t('language.enShort')}</span> },
      ]}
    />
  );
}

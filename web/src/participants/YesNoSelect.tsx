import { Select, type SelectProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** A yes/no answer that may be unknown (`null`), as rosters record "active" and "willing". */
export type YesNo = 'yes' | 'no' | null;

export const toYesNo = (value: boolean | null | undefined): YesNo => (value === true ? 'yes' : value === false ? 'no' : null);
export const fromYesNo = (value: YesNo): boolean | null => (value === 'yes' ? true : value === 'no' ? false : null);

type YesNoSelectProps = Omit<SelectProps, 'data' | 'value' | 'onChange'> & { value: YesNo; onChange: (value: YesNo) => void };

/** Yes / No, cleared to "unknown" (in forms) or "all" (in filters, with that placeholder). */
export function YesNoSelect({ value, onChange, placeholder, ...props }: YesNoSelectProps) {
  const { t } = useTranslation();
  return (
    <Select
      {...props}
      placeholder={placeholder ?? t('yesNo.unknown')}
      clearable
      data={[
        { value: 'yes', label: t('yesNo.yes') },
        { value: 'no', label: t('yesNo.no') },
      ]}
      value={value}
      onChange={(next) => onChange(next === 'yes' || next === 'no' ? next : null)}
    />
  );
}

/** `Ya` / `Tidak` / `—` for display. */
export function useYesNoLabel() {
  const { t } = useTranslation();
  return (value: boolean | null | undefined) => (value === true ? t('yesNo.yes') : value === false ? t('yesNo.no') : t('common.none'));
}

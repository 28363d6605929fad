import { createTheme, type MantineThemeOverride } from '@mantine/core';
import type { TFunction } from 'i18next';

/**
 * Berdaya's Mantine theme. Built per language: Mantine's icon buttons (clear, close, show
 * password) get their accessible names from our translations rather than English defaults.
 * Plain objects rather than `Select.extend(...)`: importing the components here would pull them
 * into the initial bundle, though only lazily loaded pages use them.
 */
export function createAppTheme(t: TFunction): MantineThemeOverride {
  const clear = { 'aria-label': t('common.clear') };
  return createTheme({
    primaryColor: 'teal',
    primaryShade: { light: 8, dark: 6 },
    defaultRadius: 'md',
    fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", Ubuntu, sans-serif',
    headings: { fontWeight: '650' },
    components: {
      Select: { defaultProps: { clearButtonProps: clear } },
      MultiSelect: { defaultProps: { clearButtonProps: clear } },
      FileInput: { defaultProps: { clearButtonProps: clear } },
      Modal: { defaultProps: { closeButtonProps: { 'aria-label': t('common.close') } } },
      PasswordInput: { defaultProps: { visibilityToggleButtonProps: { 'aria-label': t('common.togglePassword') } } },
    },
  });
}

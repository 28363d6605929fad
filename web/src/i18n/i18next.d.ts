import 'i18next';
import type { id } from './locales/id.ts';

declare module 'i18next' {
  // Module augmentation has to use `interface`: it merges with the library's declaration.
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof id };
    returnNull: false;
  }
}

/**
 * Invitation templates in Bahasa Indonesia with `{{placeholder}}` fields. The placeholders
 * are Indonesian words so that a Dinas officer writing the message reads them naturally.
 */
export const PLACEHOLDERS = ['nama', 'usaha', 'sesi', 'tanggal', 'tempat', 'tautan'] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];
export type TemplateValues = Record<Placeholder, string>;

const FIELD = /\{\{\s*([^{}]*?)\s*\}\}/g;

export const DEFAULT_INVITATION_TEMPLATE = [
  'Halo {{nama}},',
  '',
  'Usaha Anda, {{usaha}}, kami undang mengikuti pelatihan "{{sesi}}" pada {{tanggal}} di {{tempat}}.',
  '',
  'Mohon konfirmasi kehadiran melalui tautan berikut: {{tautan}}',
  '',
  'Terima kasih.',
].join('\n');

export const DEFAULT_INVITATION_SUBJECT = 'Undangan pelatihan: {{sesi}}';

/** Placeholders used in the template that are not known, in order of appearance, once each. */
export function unknownPlaceholders(template: string): string[] {
  const unknown: string[] = [];
  for (const match of template.matchAll(FIELD)) {
    const name = match[1] ?? '';
    if (!(PLACEHOLDERS as readonly string[]).includes(name) && !unknown.includes(name)) unknown.push(name);
  }
  return unknown;
}

/** Replaces every known placeholder; unknown ones are left as written (validation refuses them earlier). */
export function renderTemplate(template: string, values: TemplateValues): string {
  return template.replace(FIELD, (whole, name: string) => ((PLACEHOLDERS as readonly string[]).includes(name) ? values[name as Placeholder] : whole));
}

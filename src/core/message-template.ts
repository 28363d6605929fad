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

/**
 * Where the participant finds their personal check-in QR, appended to every invitation (in
 * Bahasa Indonesia, like the message). Email carries the QR itself as an image below the text;
 * WhatsApp and SMS carry text only, so they point to the personal link's page, which shows it.
 */
export const CHECK_IN_NOTES = {
  email: 'Kode QR kehadiran pribadi Anda ada di bawah pesan ini (gambar qr-kehadiran.png). Tunjukkan kode itu kepada pelatih saat Anda datang.',
  text: 'Kode QR kehadiran pribadi Anda ada di halaman tautan di atas. Tunjukkan kode itu kepada pelatih saat Anda datang.',
  /** For a template without the link: the note brings it. */
  textWithLink: 'Kode QR kehadiran pribadi Anda ada di halaman ini: {{tautan}} Tunjukkan kode itu kepada pelatih saat Anda datang.',
} as const;

/** An invitation template with the check-in QR note after it (`email`: the QR is attached; `text`: it is on the link's page). */
export function withCheckInNote(template: string, medium: 'email' | 'text'): string {
  const hasLink = [...template.matchAll(FIELD)].some((m) => m[1] === 'tautan');
  const note = medium === 'email' ? CHECK_IN_NOTES.email : hasLink ? CHECK_IN_NOTES.text : CHECK_IN_NOTES.textWithLink;
  return `${template.trimEnd()}\n\n${note}`;
}

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

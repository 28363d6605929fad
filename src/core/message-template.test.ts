import { describe, expect, it } from 'vitest';
import { CHECK_IN_NOTES, DEFAULT_INVITATION_TEMPLATE, renderTemplate, unknownPlaceholders, withCheckInNote, type TemplateValues } from './message-template.ts';

const values: TemplateValues = {
  nama: 'Sri Wahyuni',
  usaha: 'Warung Sri',
  sesi: 'Pemasaran Digital',
  tanggal: 'Selasa, 23 Januari 2024, 09.00–12.00 WITA',
  tempat: 'Labuan Bajo',
  tautan: 'https://berdaya.example/rsvp#abc',
};

describe('message templates', () => {
  it.each([
    ['Halo {{nama}}', 'Halo Sri Wahyuni'],
    ['Halo {{ nama }}, {{usaha}}!', 'Halo Sri Wahyuni, Warung Sri!'],
    ['{{sesi}} {{sesi}}', 'Pemasaran Digital Pemasaran Digital'],
    ['{{tanggal}} di {{tempat}}: {{tautan}}', 'Selasa, 23 Januari 2024, 09.00–12.00 WITA di Labuan Bajo: https://berdaya.example/rsvp#abc'],
    ['tanpa isian', 'tanpa isian'],
    ['{nama} {{}} {{ Nama }}', '{nama} {{}} {{ Nama }}'],
  ])('renders %j', (template, expected) => {
    expect(renderTemplate(template, values)).toBe(expected);
  });

  it('does not interpret placeholders inside values', () => {
    expect(renderTemplate('{{nama}}', { ...values, nama: '{{tautan}} $& $1' })).toBe('{{tautan}} $& $1');
  });

  it.each([
    ['Halo {{nama}}', []],
    ['Halo {{name}} {{ tgl }} {{name}}', ['name', 'tgl']],
    ['{{Nama}}', ['Nama']],
    ['{{}}', ['']],
  ])('lists unknown placeholders in %j', (template, expected) => {
    expect(unknownPlaceholders(template)).toEqual(expected);
  });

  it('has a default template that uses every placeholder and no unknown one', () => {
    expect(unknownPlaceholders(DEFAULT_INVITATION_TEMPLATE)).toEqual([]);
    for (const name of Object.keys(values)) expect(DEFAULT_INVITATION_TEMPLATE).toContain(`{{${name}}}`);
  });
});

describe('withCheckInNote', () => {
  it('says where the personal check-in QR is: below an email, on the link page of a text message', () => {
    expect(withCheckInNote('Halo {{nama}}, konfirmasi: {{tautan}}\n\n', 'email')).toBe(`Halo {{nama}}, konfirmasi: {{tautan}}\n\n${CHECK_IN_NOTES.email}`);
    expect(withCheckInNote('Halo {{nama}}, konfirmasi: {{ tautan }}', 'text')).toBe(`Halo {{nama}}, konfirmasi: {{ tautan }}\n\n${CHECK_IN_NOTES.text}`);
    // Without the link in the template, the note brings it: the QR must be reachable.
    const bare = withCheckInNote('Halo {{nama}}, sampai jumpa di {{tempat}}.', 'text');
    expect(bare).toContain('{{tautan}}');
    expect(renderTemplate(bare, values)).toContain(`Kode QR kehadiran pribadi Anda ada di halaman ini: ${values.tautan}`);
    expect(unknownPlaceholders(bare)).toEqual([]);
  });
});

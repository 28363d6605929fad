import { describe, expect, it } from 'vitest';
import { DEFAULT_INVITATION_TEMPLATE, renderTemplate, unknownPlaceholders, type TemplateValues } from './message-template.ts';

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

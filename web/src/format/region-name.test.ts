import { describe, expect, it } from 'vitest';
import { regionDisplayName, regionLabel, regionLevel } from './region-name.ts';

describe('regionDisplayName', () => {
  it.each([
    ['KOTA ADMINISTRASI JAKARTA SELATAN', 'Kota Administrasi Jakarta Selatan'],
    ['DKI JAKARTA', 'DKI Jakarta'],
    ['DAERAH ISTIMEWA YOGYAKARTA', 'Daerah Istimewa Yogyakarta'],
    ['KABUPATEN PANGKAJENE DAN KEPULAUAN', 'Kabupaten Pangkajene dan Kepulauan'],
    ['KABUPATEN TOLI-TOLI', 'Kabupaten Toli-Toli'],
    ['KOTA KUPANG', 'Kota Kupang'],
  ])('%s → %s', (official, shown) => expect(regionDisplayName(official)).toBe(shown));
});

describe('regionLabel', () => {
  it('names the province and the code of a regency', () => {
    expect(regionLabel({ code: '31.74', name: 'KOTA ADMINISTRASI JAKARTA SELATAN', provinceName: 'DKI JAKARTA', level: 2 })).toBe(
      'Kota Administrasi Jakarta Selatan — DKI Jakarta (31.74)',
    );
  });

  it('does not repeat a province', () => {
    expect(regionLabel({ code: '53', name: 'NUSA TENGGARA TIMUR', provinceName: 'NUSA TENGGARA TIMUR', level: 1 })).toBe('Nusa Tenggara Timur (53)');
  });

  it('reads the level from the code', () => {
    expect([regionLevel('31'), regionLevel('31.74'), regionLevel('31.74.01'), regionLevel('31.74.01.1001')]).toEqual([1, 2, 3, 4]);
  });
});

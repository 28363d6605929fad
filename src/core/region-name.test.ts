import { describe, expect, it } from 'vitest';
import { regionDisplayName } from './region-name.ts';

describe('regionDisplayName', () => {
  it.each([
    ['KOTA ADMINISTRASI JAKARTA SELATAN', 'Kota Administrasi Jakarta Selatan'],
    ['DKI JAKARTA', 'DKI Jakarta'],
    ['DAERAH ISTIMEWA YOGYAKARTA', 'Daerah Istimewa Yogyakarta'],
    ['KABUPATEN PANGKAJENE DAN KEPULAUAN', 'Kabupaten Pangkajene dan Kepulauan'],
    ['KABUPATEN TOLI-TOLI', 'Kabupaten Toli-Toli'],
    ['KOTA BAU-BAU', 'Kota Bau-Bau'],
    ['  KABUPATEN  MANGGARAI BARAT ', 'Kabupaten  Manggarai Barat'],
  ])('%s → %s', (official, display) => {
    expect(regionDisplayName(official)).toBe(display);
  });
});

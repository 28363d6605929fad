import { describe, expect, it } from 'vitest';
import { loadProvincesAndRegencies, loadRegionData } from './region-data.ts';

describe('loadProvincesAndRegencies', () => {
  it('reads the 38 provinces and 514 regencies of idn-area-data', () => {
    const { provinces, regencies } = loadProvincesAndRegencies();
    expect(provinces).toHaveLength(38);
    expect(regencies).toHaveLength(514);
    expect(provinces).toContainEqual({ code: '31', name: 'DKI JAKARTA' });
    expect(regencies).toContainEqual({ code: '31.74', provinceCode: '31', name: 'KOTA ADMINISTRASI JAKARTA SELATAN' });
  });

  it('gives codes in Kemendagri form, each regency under a known province', () => {
    const { provinces, regencies } = loadProvincesAndRegencies();
    const provinceCodes = new Set(provinces.map((p) => p.code));
    for (const p of provinces) expect(p.code).toMatch(/^[0-9]{2}$/u);
    for (const r of regencies) {
      expect(r.code).toMatch(/^[0-9]{2}\.[0-9]{2}$/u);
      expect(r.code.startsWith(`${r.provinceCode}.`)).toBe(true);
      expect(provinceCodes.has(r.provinceCode)).toBe(true);
    }
    expect(new Set(regencies.map((r) => r.code)).size).toBe(514);
  });

  it('reads the files once', () => {
    expect(loadProvincesAndRegencies()).toBe(loadProvincesAndRegencies());
  });
});

describe('loadRegionData', () => {
  it('adds districts and villages, sharing the provinces and regencies already read', () => {
    const data = loadRegionData();
    expect(data.provinces).toBe(loadProvincesAndRegencies().provinces);
    expect(data.districts).toHaveLength(7277);
    expect(data.villages).toHaveLength(83763);
    expect(data.districts[0]).toEqual({ code: '11.01.01', regencyCode: '11.01', name: 'Bakongan' });
    expect(data.villages[0]).toEqual({ code: '11.01.01.2001', districtCode: '11.01.01', name: 'Keude Bakongan' });
    expect(loadRegionData()).toBe(data);
  });

  it('keeps the bare quotes some village names carry', () => {
    expect(loadRegionData().villages).toContainEqual({ code: '35.13.15.2017', districtCode: '35.13.15', name: 'Soka"an' });
  });

  it('links every district to a regency and every village to a district', () => {
    const data = loadRegionData();
    const regencyCodes = new Set(data.regencies.map((r) => r.code));
    const districtCodes = new Set(data.districts.map((d) => d.code));
    expect(data.districts.filter((d) => !regencyCodes.has(d.regencyCode))).toEqual([]);
    expect(data.villages.filter((v) => !districtCodes.has(v.districtCode))).toEqual([]);
    expect(data.villages.filter((v) => !v.code.startsWith(`${v.districtCode}.`))).toEqual([]);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadProvincesAndRegencies } from '../modules/regions/region-data.ts';
import { createRegionResolver, type RegencyResolution } from './region-resolver.ts';

const data = loadProvincesAndRegencies();
const resolver = createRegionResolver(data);

type Entry = {
  code: string;
  provinceCode: string;
  provinceName: string;
  name: string;
  kind: 'KABUPATEN' | 'KOTA';
  administrasi: boolean;
  /** The name without `KABUPATEN`/`KOTA [ADMINISTRASI]`. */
  bare: string;
};

const provinceNames = new Map(data.provinces.map((p) => [p.code, p.name]));

const entries: Entry[] = data.regencies.map((r) => {
  const match = /^(KABUPATEN|KOTA)( ADMINISTRASI)? (.+)$/u.exec(r.name);
  if (match === null) throw new Error(`unexpected regency name ${r.name}`);
  return {
    code: r.code,
    provinceCode: r.provinceCode,
    provinceName: provinceNames.get(r.provinceCode) ?? '',
    name: r.name,
    kind: match[1] === 'KABUPATEN' ? 'KABUPATEN' : 'KOTA',
    administrasi: match[2] !== undefined,
    bare: match[3] ?? '',
  };
});

const countBy = (keys: string[]): Map<string, number> => {
  const counts = new Map<string, number>();
  for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1);
  return counts;
};
const bareCounts = countBy(entries.map((e) => e.bare));
const bareInProvinceCounts = countBy(entries.map((e) => `${e.provinceCode}|${e.bare}`));
const sharedBareNames = [...bareCounts].filter(([, n]) => n > 1).map(([bare]) => bare);
const isShared = (e: Entry) => (bareCounts.get(e.bare) ?? 0) > 1;
const isSharedInProvince = (e: Entry) => (bareInProvinceCounts.get(`${e.provinceCode}|${e.bare}`) ?? 0) > 1;

const found = (code: string): RegencyResolution => ({ ok: true, code });
const failed = (reason: 'empty' | 'province_unknown' | 'not_found' | 'ambiguous'): RegencyResolution => ({
  ok: false,
  reason,
});

/** Resolves one input per regency and lists every regency whose result differs from what is expected. */
const mismatches = (
  input: (e: Entry) => [string, string?],
  expected: (e: Entry) => RegencyResolution = (e) => found(e.code),
  subset: Entry[] = entries,
): string[] =>
  subset.flatMap((e) => {
    const [raw, province] = input(e);
    const actual = resolver.resolveRegency(raw, province);
    return JSON.stringify(actual) === JSON.stringify(expected(e))
      ? []
      : [`${e.code} ${JSON.stringify([raw, province])} → ${JSON.stringify(actual)}`];
  });

const titleCase = (s: string) => s.toLowerCase().replace(/\b\w/gu, (c) => c.toUpperCase());
const otherProvince = (code: string) => (code === '31' ? '32' : '31');

/** Random per-letter case. */
const randomCase = (s: string) =>
  fc
    .array(fc.boolean(), { minLength: s.length, maxLength: s.length })
    .map((upper) => [...s].map((c, i) => (upper[i] ? c.toUpperCase() : c.toLowerCase())).join(''));

/** Name words joined by random separators, including none at all (`Toli Toli` → `Tolitoli`). */
const randomSpacing = (name: string) => {
  const ws = name.split(' ');
  return fc
    .array(fc.constantFrom(' ', '  ', '\t', '\u00a0', '-', ' - ', '.', ''), {
      minLength: ws.length - 1,
      maxLength: ws.length - 1,
    })
    .map((gaps) => ws.map((w, i) => w + (gaps[i] ?? '')).join(''))
    .chain(randomCase);
};

const kabPrefix = fc.constantFrom('Kabupaten ', 'Kab. ', 'Kab.', 'Kab ', 'KAB  ', 'kab.  ');
const kotaPrefix = fc.constantFrom('Kota ', 'KOTA ', 'kota  ', 'Kota.');
const admWord = fc.constantFrom('', 'Administrasi ', 'Adm. ', 'Adm ', 'ADM.');

describe('region data as the resolver sees it', () => {
  it('has 38 provinces, 514 regencies and 26 bare names shared by two regencies', () => {
    expect(data.provinces).toHaveLength(38);
    expect(data.regencies).toHaveLength(514);
    expect(resolver.provinceCodes.size).toBe(38);
    expect(sharedBareNames).toHaveLength(26);
    expect(sharedBareNames).toEqual(expect.arrayContaining(['BANDUNG', 'MALANG', 'BOGOR', 'BEKASI', 'TANGERANG', 'BANJAR']));
  });

  it('shares each of those names between exactly one kabupaten and one kota', () => {
    for (const bare of sharedBareNames) {
      const kinds = entries.filter((e) => e.bare === bare).map((e) => e.kind);
      expect(kinds.sort(), bare).toEqual(['KABUPATEN', 'KOTA']);
    }
  });
});

describe('resolveRegency for every regency', () => {
  it('resolves its code with a dot', () => {
    expect(mismatches((e) => [e.code])).toEqual([]);
    expect(mismatches((e) => [` ${e.code} `, e.provinceName])).toEqual([]);
  });

  it('resolves its code without a dot', () => {
    expect(mismatches((e) => [e.code.replace('.', '')])).toEqual([]);
    expect(mismatches((e) => [e.code.replace('.', ''), e.provinceCode])).toEqual([]);
  });

  it('refuses its code under another province', () => {
    expect(mismatches((e) => [e.code, otherProvince(e.provinceCode)], () => failed('not_found'))).toEqual([]);
  });

  it('resolves its full official name, in upper, lower and title case', () => {
    expect(mismatches((e) => [e.name])).toEqual([]);
    expect(mismatches((e) => [e.name.toLowerCase()])).toEqual([]);
    expect(mismatches((e) => [titleCase(e.name)])).toEqual([]);
    expect(mismatches((e) => [e.name, e.provinceName])).toEqual([]);
  });

  it('resolves its name with the short Kab./Kota prefixes', () => {
    const short = (e: Entry) => (e.kind === 'KABUPATEN' ? 'Kab.' : 'Kota');
    expect(mismatches((e) => [`${short(e)} ${titleCase(e.bare)}`])).toEqual([]);
    expect(mismatches((e) => [e.kind === 'KABUPATEN' ? `Kab.${e.bare}` : `Kota ${e.bare}`])).toEqual([]);
    expect(mismatches((e) => [`${e.kind === 'KABUPATEN' ? 'Kab' : 'Kota'} ${e.bare.toLowerCase()}`])).toEqual([]);
    expect(mismatches((e) => [`${short(e)} ${e.bare}`, titleCase(e.provinceName)])).toEqual([]);
  });

  it('resolves Administrasi names with and without Adm.', () => {
    const admin = entries.filter((e) => e.administrasi);
    expect(admin.map((e) => e.code)).toEqual(['31.01', '31.71', '31.72', '31.73', '31.74', '31.75']);
    const short = (e: Entry) => (e.kind === 'KABUPATEN' ? 'Kab.' : 'Kota');
    expect(mismatches((e) => [`${short(e)} Adm. ${e.bare}`], undefined, admin)).toEqual([]);
    expect(mismatches((e) => [`${short(e)} adm ${e.bare}`], undefined, admin)).toEqual([]);
    expect(mismatches((e) => [`${short(e)} ${e.bare}`], undefined, admin)).toEqual([]);
  });

  it('resolves its prefixed name in any case, spacing and punctuation', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...entries).chain((e) =>
          fc.tuple(
            fc.constant(e),
            e.kind === 'KABUPATEN' ? kabPrefix : kotaPrefix,
            e.administrasi ? admWord : fc.constant(''),
            randomSpacing(e.bare),
            fc.constantFrom('', ' ', '  '),
          ),
        ),
        ([e, prefix, adm, bare, pad]) => {
          expect(resolver.resolveRegency(`${pad}${prefix}${adm}${bare}${pad}`)).toEqual(found(e.code));
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('resolves its bare name when no other regency shares it, in any case and spacing', () => {
    const unique = entries.filter((e) => !isShared(e));
    expect(unique).toHaveLength(514 - 2 * 26);
    expect(mismatches((e) => [e.bare], undefined, unique)).toEqual([]);
    expect(mismatches((e) => [titleCase(e.bare)], undefined, unique)).toEqual([]);
    fc.assert(
      fc.property(
        fc.constantFrom(...unique).chain((e) => fc.tuple(fc.constant(e), randomSpacing(e.bare))),
        ([e, raw]) => {
          expect(resolver.resolveRegency(raw)).toEqual(found(e.code));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('finds every shared bare name ambiguous without a province', () => {
    const shared = entries.filter(isShared);
    expect(mismatches((e) => [e.bare], () => failed('ambiguous'), shared)).toEqual([]);
    expect(mismatches((e) => [e.bare.toLowerCase()], () => failed('ambiguous'), shared)).toEqual([]);
  });

  it('resolves its bare name within its province unless both regencies of that name are there', () => {
    const expected = (e: Entry) => (isSharedInProvince(e) ? failed('ambiguous') : found(e.code));
    expect(mismatches((e) => [e.bare, e.provinceCode], expected)).toEqual([]);
    expect(mismatches((e) => [titleCase(e.bare), `Provinsi ${titleCase(e.provinceName)}`], expected)).toEqual([]);
  });

  it('does not find its name under another province', () => {
    const elsewhere = entries.filter((e) => !entries.some((o) => o.bare === e.bare && o.provinceCode === otherProvince(e.provinceCode)));
    expect(mismatches((e) => [e.name, otherProvince(e.provinceCode)], () => failed('not_found'), elsewhere)).toEqual([]);
  });

  it('never lets a Kota prefix match a kabupaten, nor a Kab. prefix a kota', () => {
    const wrongPrefix = (e: Entry) => `${e.kind === 'KABUPATEN' ? 'Kota' : 'Kab.'} ${e.bare}`;
    const failures = entries.flatMap((e) =>
      [resolver.resolveRegency(wrongPrefix(e)), resolver.resolveRegency(wrongPrefix(e), e.provinceCode)]
        .filter((r) => r.ok && r.code === e.code)
        .map(() => `${e.code} ${wrongPrefix(e)}`),
    );
    expect(failures).toEqual([]);
  });

  it('separates every shared name by its Kab./Kota prefix, with or without the province', () => {
    for (const bare of sharedBareNames) {
      const [kab, kota] = ['KABUPATEN', 'KOTA'].map((kind) => entries.find((e) => e.bare === bare && e.kind === kind));
      if (kab === undefined || kota === undefined) throw new Error(bare);
      expect(resolver.resolveRegency(`Kab. ${titleCase(bare)}`), bare).toEqual(found(kab.code));
      expect(resolver.resolveRegency(`Kabupaten ${bare}`), bare).toEqual(found(kab.code));
      expect(resolver.resolveRegency(`Kota ${titleCase(bare)}`), bare).toEqual(found(kota.code));
      expect(resolver.resolveRegency(`kab ${bare.toLowerCase()}`, kab.provinceName), bare).toEqual(found(kab.code));
      expect(resolver.resolveRegency(`KOTA ${bare}`, kota.provinceCode), bare).toEqual(found(kota.code));
    }
  });
});

describe('resolveRegency examples', () => {
  it.each<[string, string | undefined, RegencyResolution]>([
    ['Kab.Bandung', undefined, found('32.04')],
    ['KAB  BANDUNG', undefined, found('32.04')],
    ['Kab. Bandung Barat', undefined, found('32.17')],
    ['Bandung Barat', undefined, found('32.17')],
    ['Kota Bandung', undefined, found('32.73')],
    ['kota adm. jakarta pusat', undefined, found('31.71')],
    ['Kota Administrasi Jakarta Selatan', undefined, found('31.74')],
    ['Jakarta Selatan', 'DKI Jakarta', found('31.74')],
    ['Jakarta Selatan', 'Jakarta', found('31.74')],
    ['Jaksel', undefined, found('31.74')],
    ['Kepulauan Seribu', undefined, found('31.01')],
    ['Kab. Adm. Kep. Seribu', undefined, found('31.01')],
    ['Toli Toli', undefined, found('72.04')],
    ['TOLI-TOLI', undefined, found('72.04')],
    ['Tolitoli', undefined, found('72.04')],
    ['Kab. Toli-Toli', undefined, found('72.04')],
    ['Pangkajene dan Kepulauan', undefined, found('73.10')],
    ['Kab. Pangkajene Dan Kepulauan', 'Sulsel', found('73.10')],
    ['Kotawaringin Barat', undefined, found('62.01')],
    ['Kab. Kotawaringin Barat', undefined, found('62.01')],
    ['Kotabaru', undefined, found('63.02')],
    ['Kota Baru', undefined, found('63.02')],
    ['Kotamobagu', undefined, found('71.74')],
    ['Kota Kotamobagu', undefined, found('71.74')],
    ['KOTA KOTAMOBAGU', 'Sulut', found('71.74')],
    ['Lima Puluh Kota', undefined, found('13.07')],
    ['Bau-Bau', undefined, found('74.72')],
    ['Baubau', undefined, found('74.72')],
    ['Fakfak', undefined, found('92.03')],
    ['Pangkalpinang', undefined, found('19.71')],
    ['Palangka Raya', undefined, found('62.71')],
    ['Kodya Malang', undefined, found('35.73')],
    ['Kotamadya Surabaya', undefined, found('35.78')],
    ['Solo', undefined, found('33.72')],
    ['Bandung', undefined, failed('ambiguous')],
    ['Malang', undefined, failed('ambiguous')],
    ['Banjar', undefined, failed('ambiguous')],
    ['Banjar', 'Kalimantan Selatan', found('63.03')],
    ['Banjar', 'Kalsel', found('63.03')],
    ['Banjar', 'Jawa Barat', found('32.79')],
    ['Banjar', '32', found('32.79')],
    ['Bandung', 'Jawa Barat', failed('ambiguous')],
    ['Bandung', 'Jawa Tengah', failed('not_found')],
    ['Kota Bandung', 'Prov. Jateng', failed('not_found')],
    ['Sorong', 'Papua Barat Daya', failed('ambiguous')],
    ['Kab. Sorong', 'Papua Barat Daya', found('96.01')],
    ['Kota Kotabaru', undefined, failed('not_found')],
    ['Kota Kotawaringin Barat', undefined, failed('not_found')],
    ['Kota Bogor Barat', undefined, failed('not_found')],
    ['Kota', undefined, failed('not_found')],
    ['Kabupaten', undefined, failed('not_found')],
    ['Gotham', undefined, failed('not_found')],
    ['99.99', undefined, failed('not_found')],
    ['3199', undefined, failed('not_found')],
    ['31.7', undefined, failed('not_found')],
    ['31', undefined, failed('not_found')],
    ['31.74', '31', found('31.74')],
    ['31.74', '32', failed('not_found')],
    ['', undefined, failed('empty')],
    ['   ', undefined, failed('empty')],
    ['-', undefined, failed('empty')],
    ['', 'Atlantis', failed('empty')],
    ['Bandung', 'Atlantis', failed('province_unknown')],
    ['31.74', 'Provinsi Antah Berantah', failed('province_unknown')],
    ['Kota Bandung', '99', failed('province_unknown')],
    ['Kota Bandung', '', found('32.73')],
    ['Kota Bandung', '  ', found('32.73')],
  ])('%j in %j → %j', (raw, province, expected) => {
    expect(resolver.resolveRegency(raw, province)).toEqual(expected);
  });

  it('gives the same answer from its memo, also after many distinct inputs have pushed it out', () => {
    const first = resolver.resolveRegency('Kab. Malang', 'Jawa Timur');
    for (let i = 0; i < 60_000; i += 1) resolver.resolveRegency(`Kampung ${i}`);
    expect(resolver.resolveRegency('Kab. Malang', 'Jawa Timur')).toEqual(first);
    expect(first).toEqual(found('35.07'));
  });
});

describe('resolveProvince', () => {
  it('resolves every province by code and by name in any case, with or without Provinsi/Prov.', () => {
    const failures = data.provinces.flatMap((p) =>
      [p.code, p.name, p.name.toLowerCase(), titleCase(p.name), `Provinsi ${p.name}`, `Prov. ${titleCase(p.name)}`, `PROV ${p.name}`]
        .filter((raw) => resolver.resolveProvince(raw) !== p.code)
        .map((raw) => `${p.code} ${raw}`),
    );
    expect(failures).toEqual([]);
  });

  it('resolves province names in any case, spacing and punctuation', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...data.provinces).chain((p) => fc.tuple(fc.constant(p.code), randomSpacing(p.name))),
        ([code, raw]) => {
          expect(resolver.resolveProvince(raw)).toBe(code);
        },
      ),
      { numRuns: 500 },
    );
  });

  it.each([
    ['DKI Jakarta', '31'],
    ['Jakarta', '31'],
    ['DKI', '31'],
    ['Daerah Khusus Ibukota Jakarta', '31'],
    ['Provinsi DKI Jakarta', '31'],
    ['DI Yogyakarta', '34'],
    ['D.I. Yogyakarta', '34'],
    ['DIY', '34'],
    ['Yogyakarta', '34'],
    ['Jogja', '34'],
    ['Jogjakarta', '34'],
    ['NTT', '53'],
    ['NTB', '52'],
    ['Jabar', '32'],
    ['Jateng', '33'],
    ['Jatim', '35'],
    ['Sumut', '12'],
    ['Sumbar', '13'],
    ['Sumsel', '16'],
    ['Sumatra Utara', '12'],
    ['Kalbar', '61'],
    ['Kalteng', '62'],
    ['Kalsel', '63'],
    ['Kaltim', '64'],
    ['Kaltara', '65'],
    ['Sulut', '71'],
    ['Sulteng', '72'],
    ['Sulsel', '73'],
    ['Sultra', '74'],
    ['Sulbar', '76'],
    ['Babel', '19'],
    ['Bangka Belitung', '19'],
    ['Kep. Bangka Belitung', '19'],
    ['Kepri', '21'],
    ['Kep. Riau', '21'],
    ['Malut', '82'],
    ['Papua Barat Daya', '96'],
    ['Papua Barat', '92'],
    ['Papua', '91'],
    ['NAD', '11'],
    ['Nanggroe Aceh Darussalam', '11'],
    ['Prov. Jawa Barat', '32'],
    ['  jawa   barat ', '32'],
    ['JAWA-TENGAH', '33'],
  ])('%j → %s', (raw, code) => {
    expect(resolver.resolveProvince(raw)).toBe(code);
  });

  it.each([[''], ['  '], ['Atlantis'], ['99'], ['Jawa'], ['Provinsi'], ['3'], ['Kalimantan']])('%j → null', (raw) => {
    expect(resolver.resolveProvince(raw)).toBeNull();
  });
});

describe('display names', () => {
  it.each([
    ['31.74', 'Kota Administrasi Jakarta Selatan'],
    ['31.01', 'Kabupaten Administrasi Kepulauan Seribu'],
    ['32.04', 'Kabupaten Bandung'],
    ['73.10', 'Kabupaten Pangkajene dan Kepulauan'],
    ['71.74', 'Kota Kotamobagu'],
  ])('regencyName(%s) → %s', (code, name) => {
    expect(resolver.regencyName(code)).toBe(name);
  });

  it.each([
    ['31', 'DKI Jakarta'],
    ['34', 'Daerah Istimewa Yogyakarta'],
    ['19', 'Kepulauan Bangka Belitung'],
    ['96', 'Papua Barat Daya'],
  ])('provinceName(%s) → %s', (code, name) => {
    expect(resolver.provinceName(code)).toBe(name);
  });

  it('returns null for unknown codes', () => {
    expect(resolver.regencyName('99.99')).toBeNull();
    expect(resolver.regencyName('3174')).toBeNull();
    expect(resolver.provinceName('99')).toBeNull();
  });

  it('gives names that resolve back to their code', () => {
    for (const e of entries) {
      expect(resolver.resolveRegency(resolver.regencyName(e.code) ?? '')).toEqual(found(e.code));
    }
    for (const p of data.provinces) {
      expect(resolver.resolveProvince(resolver.provinceName(p.code) ?? '')).toBe(p.code);
    }
  });
});

import type { Province, Regency } from '../modules/regions/region-data.ts';
import { words } from './normalised.ts';
import { regionDisplayName } from './region-name.ts';

export type RegencyResolution =
  | { ok: true; code: string }
  | { ok: false; reason: 'empty' | 'province_unknown' | 'not_found' | 'ambiguous' };

export type RegionResolver = {
  provinceCodes: ReadonlySet<string>;
  /** Province code (`31`) from a code, an official name or a common alias; null when unknown. */
  resolveProvince: (raw: string) => string | null;
  /** Regency code (`31.74`), resolved within the province when one is given. */
  resolveRegency: (raw: string, provinceRaw?: string) => RegencyResolution;
  regencyName: (code: string) => string | null;
  provinceName: (code: string) => string | null;
};

type RegencyKind = 'kab' | 'kota';

const PROVINCE_ALIASES: Record<string, string[]> = {
  '11': ['NAD', 'Nanggroe Aceh Darussalam', 'Aceh Darussalam'],
  '12': ['Sumut', 'Sumatra Utara'],
  '13': ['Sumbar', 'Sumatra Barat'],
  '16': ['Sumsel', 'Sumatra Selatan'],
  '19': ['Babel', 'Bangka Belitung'],
  '21': ['Kepri'],
  '31': [
    'DKI Jakarta',
    'Jakarta',
    'DKI',
    'Daerah Khusus Ibukota Jakarta',
    'Daerah Khusus Ibu Kota Jakarta',
    'Daerah Khusus Jakarta',
    'DKJ',
  ],
  '32': ['Jabar'],
  '33': ['Jateng'],
  '34': ['DI Yogyakarta', 'DIY', 'Yogyakarta', 'Jogja', 'Jogjakarta', 'Yogya', 'DI Jogjakarta'],
  '35': ['Jatim'],
  '52': ['NTB'],
  '53': ['NTT'],
  '61': ['Kalbar'],
  '62': ['Kalteng'],
  '63': ['Kalsel'],
  '64': ['Kaltim'],
  '65': ['Kaltara'],
  '71': ['Sulut'],
  '72': ['Sulteng'],
  '73': ['Sulsel'],
  '74': ['Sultra'],
  '76': ['Sulbar'],
  '82': ['Malut'],
  '96': ['Papua Barat Daya'],
};

/** Everyday names for regencies that rosters use instead of the official one. */
const REGENCY_ALIASES: Record<string, string[]> = {
  '31.71': ['Jakpus'],
  '31.72': ['Jakut'],
  '31.73': ['Jakbar'],
  '31.74': ['Jaksel'],
  '31.75': ['Jaktim'],
  '33.72': ['Solo'],
};

const PROVINCE_PREFIXES = new Set(['provinsi', 'propinsi', 'prov']);
const KAB_PREFIXES = new Set(['kabupaten', 'kab']);
const KOTA_PREFIXES = new Set(['kota', 'kotamadya', 'kodya']);
const ADMINISTRASI_WORDS = new Set(['administrasi', 'adm']);

/** Results kept per (regency, province) text pair; a national roster repeats few distinct pairs. */
const MEMO_LIMIT = 50_000;

/** Words of a place name, with `Kep.` read as `Kepulauan`. */
const placeWords = (raw: string): string[] => words(raw).map((w) => (w === 'kep' ? 'kepulauan' : w));

/** Splits a leading `Kabupaten`/`Kab`/`Kota` (+ `Administrasi`/`Adm`) word off the name. */
const splitPrefix = (ws: string[]): { kind: RegencyKind | null; rest: string[] } => {
  const first = ws[0];
  const kind: RegencyKind | null =
    first === undefined ? null : KAB_PREFIXES.has(first) ? 'kab' : KOTA_PREFIXES.has(first) ? 'kota' : null;
  if (kind === null) return { kind, rest: ws };
  const second = ws[1];
  const skip = second !== undefined && ADMINISTRASI_WORDS.has(second) ? 2 : 1;
  return { kind, rest: ws.slice(skip) };
};


const remember = <V>(memo: Map<string, V>, key: string, value: V): V => {
  if (memo.size >= MEMO_LIMIT) {
    const oldest = memo.keys().next();
    if (oldest.done !== true) memo.delete(oldest.value);
  }
  memo.set(key, value);
  return value;
};

const ALL_PROVINCES = '*';

export const createRegionResolver = (data: {
  provinces: readonly Province[];
  regencies: readonly Regency[];
}): RegionResolver => {
  const provinceCodes: ReadonlySet<string> = new Set(data.provinces.map((p) => p.code));
  const provinceDisplay = new Map(data.provinces.map((p) => [p.code, regionDisplayName(p.name)]));
  const regencyDisplay = new Map(data.regencies.map((r) => [r.code, regionDisplayName(r.name)]));
  const regencyByDigits = new Map(data.regencies.map((r) => [r.code.replace('.', ''), r]));

  const provinceByKey = new Map<string, string>();
  for (const p of data.provinces) {
    provinceByKey.set(p.code, p.code);
    provinceByKey.set(placeWords(p.name).join(''), p.code);
  }
  for (const [code, aliases] of Object.entries(PROVINCE_ALIASES)) {
    if (!provinceCodes.has(code)) continue;
    for (const alias of aliases) provinceByKey.set(placeWords(alias).join(''), code);
  }

  /**
   * Regency codes by `scope|kind|name`, where scope is a province code or `*`
   * (nationwide), kind is `kab`, `kota` or empty (bare name) and name is the
   * name's words joined without spaces, so `Toli-Toli` meets `Tolitoli`.
   */
  const regencyIndex = new Map<string, string[]>();
  const addToIndex = (key: string, code: string): void => {
    const codes = regencyIndex.get(key);
    if (codes === undefined) regencyIndex.set(key, [code]);
    else if (!codes.includes(code)) codes.push(code);
  };
  const indexRegency = (code: string, provinceCode: string, kind: RegencyKind | null, name: string): void => {
    for (const scope of [ALL_PROVINCES, provinceCode]) {
      if (kind !== null) addToIndex(`${scope}|${kind}|${name}`, code);
      addToIndex(`${scope}||${name}`, code);
    }
  };
  for (const r of data.regencies) {
    const { kind, rest } = splitPrefix(placeWords(r.name));
    indexRegency(r.code, r.provinceCode, kind, rest.join(''));
  }
  for (const [code, aliases] of Object.entries(REGENCY_ALIASES)) {
    const regency = regencyByDigits.get(code.replace('.', ''));
    if (regency === undefined) continue;
    for (const alias of aliases) indexRegency(code, regency.provinceCode, null, placeWords(alias).join(''));
  }

  const provinceMemo = new Map<string, string | null>();
  const resolveProvince = (raw: string): string | null => {
    const cached = provinceMemo.get(raw);
    if (cached !== undefined) return cached;
    let ws = placeWords(raw);
    if (ws.length > 1 && PROVINCE_PREFIXES.has(ws[0] ?? '')) ws = ws.slice(1);
    return remember(provinceMemo, raw, provinceByKey.get(ws.join('')) ?? null);
  };

  const fromCodes = (codes: string[] | undefined): RegencyResolution | null => {
    if (codes === undefined) return null;
    const [only, ...others] = codes;
    if (only === undefined) return null;
    return others.length === 0 ? { ok: true, code: only } : { ok: false, reason: 'ambiguous' };
  };

  const computeRegency = (raw: string, provinceRaw: string): RegencyResolution => {
    const ws = placeWords(raw);
    if (ws.length === 0) return { ok: false, reason: 'empty' };

    let provinceCode: string | null = null;
    if (placeWords(provinceRaw).length > 0) {
      provinceCode = resolveProvince(provinceRaw);
      if (provinceCode === null) return { ok: false, reason: 'province_unknown' };
    }

    const code = /^(\d{2})\.?(\d{2})$/u.exec(raw.replace(/\s+/gu, ''));
    if (code !== null) {
      const regency = regencyByDigits.get(`${code[1]}${code[2]}`);
      if (regency === undefined || (provinceCode !== null && regency.provinceCode !== provinceCode)) {
        return { ok: false, reason: 'not_found' };
      }
      return { ok: true, code: regency.code };
    }

    const scope = provinceCode ?? ALL_PROVINCES;
    const { kind, rest } = splitPrefix(ws);
    if (kind !== null && rest.length > 0) {
      const typed = fromCodes(regencyIndex.get(`${scope}|${kind}|${rest.join('')}`));
      if (typed !== null) return typed;
    }
    // A prefix-looking first word may belong to the name itself: "Kota Baru" for Kabupaten Kotabaru.
    return fromCodes(regencyIndex.get(`${scope}||${ws.join('')}`)) ?? { ok: false, reason: 'not_found' };
  };

  const regencyMemo = new Map<string, RegencyResolution>();
  const resolveRegency = (raw: string, provinceRaw = ''): RegencyResolution => {
    const key = `${raw}\u0000${provinceRaw}`;
    return regencyMemo.get(key) ?? remember(regencyMemo, key, computeRegency(raw, provinceRaw));
  };

  return {
    provinceCodes,
    resolveProvince,
    resolveRegency,
    regencyName: (code) => regencyDisplay.get(code) ?? null,
    provinceName: (code) => provinceDisplay.get(code) ?? null,
  };
};

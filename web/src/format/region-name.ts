import type { Region } from '../api/types.ts';

const UPPERCASE_WORDS = new Set(['DKI', 'DI']);
const LOWERCASE_WORDS = new Set(['dan']);

/**
 * Kemendagri's upper-case names in title case for display: `KOTA ADMINISTRASI JAKARTA SELATAN`
 * → `Kota Administrasi Jakarta Selatan`; `DKI JAKARTA` keeps `DKI`; `dan` stays lower case.
 */
export function regionDisplayName(official: string): string {
  let index = 0;
  return official
    .trim()
    .split(/(\s+|-)/)
    .map((part) => {
      if (part === '' || /^(\s+|-)$/.test(part)) return part;
      const first = index++ === 0;
      if (UPPERCASE_WORDS.has(part.toUpperCase())) return part.toUpperCase();
      if (!first && LOWERCASE_WORDS.has(part.toLowerCase())) return part.toLowerCase();
      return part.charAt(0).toUpperCase() + part.slice(1).toLowerCase();
    })
    .join('');
}

/** Kemendagri codes carry their level: `31` province, `31.74` regency, `31.74.01` district, `31.74.01.1001` village. */
export const regionLevel = (code: string): number => code.split('.').length;

/** `Kota Administrasi Jakarta Selatan — DKI Jakarta (31.74)`; provinces show only their own name. */
export function regionLabel(region: Pick<Region, 'code' | 'name' | 'provinceName' | 'level'>): string {
  const name = regionDisplayName(region.name);
  if (region.level === 1) return `${name} (${region.code})`;
  return `${name} — ${regionDisplayName(region.provinceName)} (${region.code})`;
}

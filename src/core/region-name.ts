const UPPERCASE_WORDS = new Set(['DKI', 'DI']);
const LOWERCASE_WORDS = new Set(['dan']);

/**
 * Official upper-case names in title case: `KOTA ADMINISTRASI JAKARTA SELATAN` →
 * `Kota Administrasi Jakarta Selatan`, `DKI JAKARTA` keeps `DKI`, `KABUPATEN PANGKAJENE DAN
 * KEPULAUAN` keeps `dan` lower case, `KABUPATEN TOLI-TOLI` → `Kabupaten Toli-Toli`.
 */
export function regionDisplayName(official: string): string {
  let index = 0;
  return official
    .trim()
    .split(/(\s+|-)/)
    .map((part) => {
      if (/^(\s+|-)$/.test(part) || part === '') return part;
      const first = index++ === 0;
      if (UPPERCASE_WORDS.has(part.toUpperCase())) return part.toUpperCase();
      if (!first && LOWERCASE_WORDS.has(part.toLowerCase())) return part.toLowerCase();
      return part.charAt(0).toUpperCase() + part.slice(1).toLowerCase();
    })
    .join('');
}

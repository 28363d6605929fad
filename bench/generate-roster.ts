import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { loadProvincesAndRegencies } from '../src/modules/regions/region-data.ts';

/**
 * A Dinas-style messy roster: the header variants, cell formats and defects that the import
 * must handle, in known proportions. Deterministic for a seed, so that runs compare.
 */
export type RosterSpec = { rows: number; seed?: number; delimiter?: ',' | ';'; crlf?: boolean; defects?: boolean };

export type RosterStats = { rows: number; blankLines: number; expectedRejected: Record<string, number>; duplicates: number };

function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST = ['Sri', 'Budi', 'Siti', 'Agus', 'Dewi', 'Eko', 'Rina', 'Joko', 'Ani', 'Made', 'Putu', 'Yohanes', 'Maria', 'Rahmat', 'Nur', 'Wayan'];
const LAST = ['Wahyuni', 'Santoso', 'Rahayu', 'Pratama', 'Lestari', 'Hidayat', 'Siregar', 'Nainggolan', 'Saputra', 'Kurniawan', 'Manuhutu', 'Wenda'];
const BUSINESS = ['Warung', 'Toko', 'Kedai', 'Dapur', 'Batik', 'Kerajinan', 'Konveksi', 'Mebel', 'Kopi', 'Sambal'];
const SECTORS = ['Makanan & Minuman', 'makanan', 'Fashion', 'Pakaian Jadi', 'Kerajinan Tangan', 'Mebel', 'Jasa', 'kuliner', 'Tenun', 'Anyaman', '', 'Lain-lain', 'Peternakan', 'Toko Kelontong'];
const GENDERS = ['P', 'L', 'Perempuan', 'Laki-laki', 'F', 'M', 'wanita', 'PRIA', '', '?'];
const YES_NO = ['Ya', 'Tidak', 'Y', 'T', '1', '0', 'TRUE', 'false', 'Aktif', 'Tidak Aktif', ''];

export const ROSTER_HEADERS = ['Nama Usaha', 'Nama Pemilik', 'NIK', 'No. HP', 'Email', 'Jenis Kelamin', 'Sektor', 'Alamat', 'Kabupaten/Kota', 'Provinsi', 'Status Aktif', 'Bersedia Ikut Pelatihan', 'Keterangan'];

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** Writes the roster to `path` and returns what it contains. */
export async function writeMessyRoster(path: string, spec: RosterSpec): Promise<RosterStats> {
  const random = prng(spec.seed ?? 42);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const { provinces, regencies } = loadProvincesAndRegencies();
  const provinceName = new Map(provinces.map((p) => [p.code, p.name]));
  const delimiter = spec.delimiter ?? ';';
  const eol = spec.crlf ? '\r\n' : '\n';
  const defects = spec.defects ?? true;
  const out = createWriteStream(path);
  const quote = (v: string) => (v.includes(delimiter) || v.includes('"') || v.includes('\n') ? `"${v.replaceAll('"', '""')}"` : v);
  const stats: RosterStats = { rows: 0, blankLines: 0, expectedRejected: {}, duplicates: 0 };
  const reject = (reason: string) => (stats.expectedRejected[reason] = (stats.expectedRejected[reason] ?? 0) + 1);
  let buffer = '\uFEFF' + ROSTER_HEADERS.join(delimiter) + eol;
  const earlier: string[][] = [];

  for (let i = 0; i < spec.rows; i++) {
    const regency = regencies[i % regencies.length] as (typeof regencies)[number];
    const [prov, reg] = regency.code.split('.') as [string, string];
    const day = 1 + (i % 28) + (i % 2 === 0 ? 40 : 0);
    const nik = `${prov}${reg}${pad(1 + (i % 40), 2)}${pad(day, 2)}${pad(1 + (i % 12), 2)}${pad(60 + (i % 40), 2)}${pad(Math.floor(i / 12) % 10000, 4)}`;
    const phoneDigits = pad(i, 9);
    const phoneForms = [`08${phoneDigits.slice(0, 2)}-${phoneDigits.slice(2, 6)}-${phoneDigits.slice(6)}`, `+62 8${phoneDigits}`, `628${phoneDigits}`, `'08${phoneDigits}`, `08${phoneDigits}`];
    const regencyName = regency.name.replace(/^KABUPATEN /, 'Kab. ').replace(/^KOTA ADMINISTRASI /, 'Kota Adm. ');
    const row = [
      `${pick(BUSINESS)} ${pick(FIRST)} ${i}`,
      `  ${pick(FIRST)}  ${pick(LAST)} `,
      random() < 0.1 ? '' : random() < 0.2 ? `'${nik}` : random() < 0.1 ? `${nik.slice(0, 6)} ${nik.slice(6, 12)} ${nik.slice(12)}` : nik,
      pick(phoneForms),
      random() < 0.3 ? `umkm${i}@contoh.id` : '',
      pick(GENDERS),
      pick(SECTORS),
      random() < 0.05 ? `Jl. Merdeka No. ${i}, RT 01${delimiter} RW 02` : `Jl. Pasar ${i % 100}`,
      random() < 0.2 ? regency.code : random() < 0.5 ? regencyName.toLowerCase() : regencyName,
      provinceName.get(prov) ?? '',
      pick(YES_NO),
      pick(YES_NO),
      random() < 0.02 ? 'catatan\nbaris kedua' : '',
    ];
    let expected: string | null = null;
    const roll = random();
    if (defects && roll < 0.015) {
      row[1] = '   ';
      expected = 'missing_name';
    } else if (defects && roll < 0.03) {
      row[2] = pick([`${nik.slice(0, 1)}.${nik.slice(1, 6)}E+15`, nik.slice(0, 15), `99${nik.slice(2)}`, `${nik.slice(0, 6)}32${nik.slice(8)}`]);
      expected = 'nik_invalid';
    } else if (defects && roll < 0.045) {
      row[2] = '';
      row[3] = pick(['021-5551234', '0812', 'tidak ada', '+1 555 0100']);
      expected = 'phone_invalid';
    } else if (defects && roll < 0.055) {
      row.splice(2, 2, '', '');
      expected = 'no_identity';
    } else if (defects && roll < 0.07) {
      row[8] = pick(['Bandung', 'Malang', 'Kota Gotham', '']);
      row[9] = row[8] === 'Kota Gotham' || row[8] === '' ? row[9] ?? '' : '';
      expected = 'region_unresolved';
    } else if (defects && roll < 0.09 && earlier.length > 0) {
      const prior = earlier[Math.floor(random() * earlier.length)] as string[];
      row[2] = prior[2] ?? '';
      row[3] = prior[3] ?? '';
      if (!row[2] && !row[3]) row[3] = phoneForms[4] as string;
      else stats.duplicates += 1;
    }
    if (expected) reject(expected);
    else if (earlier.length < 5000) earlier.push(row);
    buffer += row.map(quote).join(delimiter) + eol;
    stats.rows += 1;
    if (defects && i % 997 === 0) {
      buffer += eol;
      stats.blankLines += 1;
    }
    if (buffer.length > 1 << 20) {
      if (!out.write(buffer)) await once(out, 'drain');
      buffer = '';
    }
  }
  out.end(buffer);
  await once(out, 'finish');
  return stats;
}

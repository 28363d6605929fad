import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadProvincesAndRegencies } from '../modules/regions/region-data.ts';
import { createRegionResolver } from './region-resolver.ts';
import { ROSTER_FIELDS } from './roster-headers.ts';
import {
  REJECTION_REASON_LABELS,
  REJECTION_REASONS,
  rosterRowProblems,
  validateRosterRow,
  type RejectionReason,
  type RosterRow,
  type RosterRowValues,
} from './roster-row.ts';
import { SECTORS } from './sector.ts';

const data = loadProvincesAndRegencies();
const resolver = createRegionResolver(data);

const BASE: RosterRowValues = {
  businessName: ' Warung  Bu Sri ',
  ownerName: 'Sri\u00a0Wahyuni',
  nik: "'3174015203900001",
  nib: '9120 0012 34567',
  phone: '0812-3456-7890',
  email: ' Sri@Example.COM ',
  gender: 'P',
  sector: 'Makanan & Minuman',
  address: 'Jl. Kemang Raya\n No. 5',
  regency: 'Kota Adm. Jakarta Selatan',
  province: 'DKI Jakarta',
  active: 'Ya',
  willing: 'Tidak',
};

const BASE_ROW: RosterRow = {
  businessName: 'Warung Bu Sri',
  ownerName: 'Sri Wahyuni',
  nik: '3174015203900001',
  nib: '9120001234567',
  phone: '+6281234567890',
  email: 'sri@example.com',
  gender: 'female',
  sector: 'kuliner',
  address: 'Jl. Kemang Raya No. 5',
  regencyCode: '31.74',
  active: true,
  willing: false,
  key: 'nik:3174015203900001',
};

const validate = (changes: RosterRowValues) => validateRosterRow({ ...BASE, ...changes }, resolver);

/** Writes an accepted row back as spreadsheet cells, to check that validation is idempotent. */
const toValues = (row: RosterRow): RosterRowValues => ({
  businessName: row.businessName,
  ownerName: row.ownerName,
  nik: row.nik ?? '',
  nib: row.nib ?? '',
  phone: row.phone ?? '',
  email: row.email ?? '',
  gender: row.gender ?? '',
  sector: row.sector,
  address: row.address ?? '',
  regency: row.regencyCode,
  active: row.active === null ? '' : String(row.active),
  willing: row.willing === null ? '' : String(row.willing),
});

describe('validateRosterRow accepts', () => {
  it('a complete row, normalising every field', () => {
    expect(validate({})).toEqual({ ok: true, row: BASE_ROW });
  });

  it.each<[string, RosterRowValues, Partial<RosterRow>]>([
    ['a row identified by phone only', { nik: '' }, { nik: null, key: 'phone:+6281234567890' }],
    ['a row identified by NIK only', { phone: undefined }, { phone: null }],
    ['a row without NIB', { nib: '  ' }, { nib: null }],
    ['a dash as a blank NIK when the phone is there', { nik: '-' }, { nik: null, key: 'phone:+6281234567890' }],
    ['a dash as a blank NIB, email and address', { nib: '-', email: '—', address: '--' }, { nib: null, email: null, address: null }],
    ['an invalid email, stored as unknown', { email: 'sri at example' }, { email: null }],
    ['an unrecognised gender, stored as unknown', { gender: 'X' }, { gender: null }],
    ['a male owner', { gender: 'Laki-laki' }, { gender: 'male' }],
    ['unrecognised yes/no values, stored as unknown', { active: 'Kadang', willing: '?' }, { active: null, willing: null }],
    ['blank yes/no values', { active: '', willing: undefined }, { active: null, willing: null }],
    ['an unknown sector, as lainnya', { sector: 'Otomotif' }, { sector: 'lainnya' }],
    ['a blank sector, as lainnya', { sector: undefined }, { sector: 'lainnya' }],
    ['a regency code without province', { regency: '3174', province: '' }, { regencyCode: '31.74' }],
    ['a bare regency name narrowed by its province', { regency: 'Banjar', province: 'Kalsel' }, { regencyCode: '63.03' }],
    ['a prefixed shared name without province', { regency: 'Kab. Bandung', province: undefined }, { regencyCode: '32.04' }],
    ['a phone in E.164 and a NIK with spaces', { phone: '+62 812 3456 7890', nik: '3174 0152 0390 0001' }, {}],
  ])('%s', (_, changes, expected) => {
    expect(validate(changes)).toEqual({ ok: true, row: { ...BASE_ROW, ...expected } });
  });
});

describe('validateRosterRow rejects', () => {
  it.each<[RejectionReason, RosterRowValues]>([
    ['missing_name', { businessName: '' }],
    ['missing_name', { ownerName: '' }],
    ['missing_name', { businessName: undefined, ownerName: undefined }],
    ['missing_name', { ownerName: ' \t\u00a0 ' }],
    ['missing_name', { businessName: '-' }],
    ['nik_invalid', { nik: '3.17401E+15' }],
    ['nik_invalid', { nik: '317401520390001' }],
    ['nik_invalid', { nik: '3174013203900001' }],
    ['nik_invalid', { nik: '9974015203900001' }],
    ['nik_invalid', { nik: '3174015213900001', phone: '' }],
    ['phone_invalid', { phone: '812345678' }],
    ['phone_invalid', { phone: '021-555-1234' }],
    ['phone_invalid', { phone: '6.28123E+12' }],
    ['phone_invalid', { phone: '0812', nik: '' }],
    ['nib_invalid', { nib: '912000123456' }],
    ['nib_invalid', { nib: '9.12E+12' }],
    ['no_identity', { nik: '', phone: '' }],
    ['no_identity', { nik: undefined, phone: undefined }],
    ['no_identity', { nik: "'", phone: '-' }],
    ['region_unresolved', { regency: '' }],
    ['region_unresolved', { regency: undefined, province: undefined }],
    ['region_unresolved', { regency: 'Bandung', province: '' }],
    ['region_unresolved', { regency: 'Bandung', province: 'Jawa Barat' }],
    ['region_unresolved', { regency: 'Gotham' }],
    ['region_unresolved', { regency: 'Jakarta Selatan', province: 'Atlantis' }],
    ['region_unresolved', { regency: 'Kota Bandung', province: 'Jawa Tengah' }],
    ['region_unresolved', { regency: '31.74', province: 'Jawa Barat' }],
  ])('%s: %j', (reason, changes) => {
    expect(validate(changes)).toEqual({ ok: false, reason });
  });

  it.each<[RejectionReason, RosterRowValues]>([
    ['missing_name', { ownerName: '', nik: 'x', phone: 'x', nib: 'x', regency: 'Gotham' }],
    ['nik_invalid', { nik: '123', phone: '123', nib: '123', regency: '' }],
    ['phone_invalid', { phone: '123', nib: '123', regency: 'Gotham' }],
    ['phone_invalid', { nik: '', phone: '123', regency: '' }],
    ['nib_invalid', { nib: '123', nik: '', phone: '', regency: '' }],
    ['no_identity', { nik: '', phone: '', regency: 'Bandung' }],
  ])('with several problems, only the first: %s', (reason, changes) => {
    expect(validate(changes)).toEqual({ ok: false, reason });
  });

  it('with any combination of problems, the first in REJECTION_REASONS order', () => {
    const problems = fc.record({
      name: fc.boolean(),
      nik: fc.boolean(),
      phone: fc.boolean(),
      nib: fc.boolean(),
      noIdentity: fc.boolean(),
      region: fc.boolean(),
    });
    fc.assert(
      fc.property(problems, (p) => {
        const changes: RosterRowValues = {};
        const applied: RejectionReason[] = [];
        if (p.name) {
          changes.ownerName = '';
          applied.push('missing_name');
        }
        if (p.nik) {
          changes.nik = '3.17401E+15';
          applied.push('nik_invalid');
        }
        if (p.phone) {
          changes.phone = '812345';
          applied.push('phone_invalid');
        }
        if (p.nib) {
          changes.nib = '12345';
          applied.push('nib_invalid');
        }
        if (p.noIdentity && !p.nik && !p.phone) {
          changes.nik = '';
          changes.phone = '';
          applied.push('no_identity');
        }
        if (p.region) {
          changes.regency = 'Malang';
          changes.province = '';
          applied.push('region_unresolved');
        }
        const expected = REJECTION_REASONS.find((reason) => applied.includes(reason));
        const result = validate(changes);
        expect(result).toEqual(expected === undefined ? { ok: true, row: expect.anything() } : { ok: false, reason: expected });
      }),
    );
  });
});

const digits = (n: number) => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: n, maxLength: n });
const pad2 = (n: number) => String(n).padStart(2, '0');

const validNik = fc
  .tuple(
    fc.constantFrom(...resolver.provinceCodes),
    digits(4),
    fc.oneof(fc.integer({ min: 1, max: 31 }), fc.integer({ min: 41, max: 71 })),
    fc.integer({ min: 1, max: 12 }),
    digits(6),
  )
  .map(([province, place, day, month, rest]) => `${province}${place}${pad2(day)}${pad2(month)}${rest}`);

const mobileDigits = fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 8, maxLength: 11 });

const name = fc
  .tuple(fc.stringMatching(/^[A-Z][a-z]{1,10}$/u), fc.array(fc.stringMatching(/^[A-Za-z.']{1,10}$/u), { maxLength: 3 }))
  .map(([first, rest]) => [first, ...rest].join(' '));

/** Extra whitespace around and inside a cell, as spreadsheets deliver it. */
const sloppy = (s: string) =>
  fc
    .tuple(fc.constantFrom('', ' ', '  ', '\t'), fc.constantFrom(' ', '  ', '\u00a0', ' \n'))
    .map(([pad, gap]) => `${pad}${s.replace(/ /gu, gap)}${pad}`);

const regencyCell = fc.constantFrom(...data.regencies).chain((r) => {
  const province = data.provinces.find((p) => p.code === r.provinceCode)?.name ?? '';
  return fc.tuple(
    fc.constant(r.code),
    fc.constantFrom<[string, string]>([r.code, ''], [r.code.replace('.', ''), province], [r.name, ''], [r.name.toLowerCase(), province]),
  );
});

const validRow = fc.record({
  businessName: name.chain(sloppy),
  ownerName: name.chain(sloppy),
  nik: fc.option(validNik, { nil: undefined }),
  phone: fc.option(mobileDigits, { nil: undefined }),
  phonePrefix: fc.constantFrom('0', '62', '+62', "'0"),
  nib: fc.option(digits(13), { nil: undefined }),
  email: fc.option(fc.constantFrom('sri@example.com', 'Budi.Santoso@Mail.co.id', 'bukan email'), { nil: undefined }),
  gender: fc.option(fc.constantFrom('P', 'L', 'Perempuan', 'laki-laki', '?'), { nil: undefined }),
  sector: fc.option(fc.constantFrom('Kuliner', 'Fashion', 'Kerajinan Kayu', 'Otomotif', ''), { nil: undefined }),
  address: fc.option(fc.string({ maxLength: 30 }), { nil: undefined }),
  region: regencyCell,
  active: fc.option(fc.constantFrom('Ya', 'Tidak', 'aktif', 'Non-Aktif', 'entah'), { nil: undefined }),
  willing: fc.option(fc.constantFrom('Ya', 'Tidak', 'Bersedia', '1', '0'), { nil: undefined }),
});

describe('validateRosterRow properties', () => {
  it('accepts every generated valid row, keyed by NIK when present and by phone otherwise', () => {
    fc.assert(
      fc.property(
        validRow.filter((v) => v.nik !== undefined || v.phone !== undefined),
        (v) => {
          const [regencyCode, [regency, province]] = v.region;
          const values: RosterRowValues = {
            ...v,
            phone: v.phone === undefined ? undefined : `${v.phonePrefix}8${v.phone}`,
            regency,
            province,
          };
          const result = validateRosterRow(values, resolver);
          if (!result.ok) throw new Error(`rejected ${result.reason}: ${JSON.stringify(values)}`);
          const { row } = result;
          expect(row.businessName).toBe(v.businessName.replace(/\s+/gu, ' ').trim());
          expect(row.nik).toBe(v.nik ?? null);
          expect(row.phone).toBe(v.phone === undefined ? null : `+628${v.phone}`);
          expect(row.nib).toBe(v.nib ?? null);
          expect(row.regencyCode).toBe(regencyCode);
          expect(row.key).toBe(v.nik !== undefined ? `nik:${v.nik}` : `phone:+628${v.phone}`);
        },
      ),
    );
  });

  it('is idempotent: an accepted row written back as cells is accepted unchanged', () => {
    fc.assert(
      fc.property(
        validRow.filter((v) => v.nik !== undefined || v.phone !== undefined),
        (v) => {
          const [, [regency, province]] = v.region;
          const values = { ...v, phone: v.phone === undefined ? undefined : `08${v.phone}`, regency, province };
          const first = validateRosterRow(values, resolver);
          expect(first.ok).toBe(true);
          if (first.ok) expect(validateRosterRow(toValues(first.row), resolver)).toEqual(first);
        },
      ),
    );
  });

  it('never throws on arbitrary cells, and whatever it accepts is normalised', () => {
    const cell = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 20 }),
      fc.constantFrom('', '-', '3174015203900001', '081234567890', 'Kota Bandung', 'Bandung', '3.17401E+15', 'Ya', 'P'),
    );
    const values: fc.Arbitrary<RosterRowValues> = fc.dictionary(fc.constantFrom(...ROSTER_FIELDS), cell);
    fc.assert(
      fc.property(values, (v) => {
        const result = validateRosterRow(v, resolver);
        if (!result.ok) {
          expect(REJECTION_REASONS).toContain(result.reason);
          return;
        }
        const { row } = result;
        expect(row.businessName).not.toBe('');
        expect(row.ownerName).toBe(row.ownerName.replace(/\s+/gu, ' ').trim());
        expect(row.key).toBe(row.nik !== null ? `nik:${row.nik}` : `phone:${row.phone}`);
        expect(SECTORS).toContain(row.sector);
        expect(resolver.regencyName(row.regencyCode)).not.toBeNull();
      }),
      { numRuns: 300 },
    );
  });
});

describe('REJECTION_REASON_LABELS', () => {
  it('explains every reason in Indonesian and English', () => {
    expect(Object.keys(REJECTION_REASON_LABELS).sort()).toEqual([...REJECTION_REASONS].sort());
    for (const reason of REJECTION_REASONS) {
      expect(REJECTION_REASON_LABELS[reason].id.length).toBeGreaterThan(10);
      expect(REJECTION_REASON_LABELS[reason].en.length).toBeGreaterThan(10);
    }
    expect(REJECTION_REASON_LABELS.nik_invalid).toEqual({
      id: 'NIK tidak valid (harus 16 digit, kode provinsi, tanggal dan bulan lahir yang benar)',
      en: 'NIK is not valid (must be 16 digits with a valid province code, birth day and month)',
    });
  });
});

describe('rosterRowProblems', () => {
  const resolver = createRegionResolver(loadProvincesAndRegencies());
  it('lists every broken rule in checking order, and nothing for a valid row', () => {
    expect(rosterRowProblems({ businessName: '', ownerName: 'A', nik: '123', phone: '021-555', nib: '1', regency: 'Bandung' }, resolver)).toEqual([
      'missing_name',
      'nik_invalid',
      'phone_invalid',
      'nib_invalid',
      'region_unresolved',
    ]);
    expect(rosterRowProblems({ businessName: 'U', ownerName: 'A', regency: '31.74' }, resolver)).toEqual(['no_identity']);
    expect(rosterRowProblems({ businessName: 'U', ownerName: 'A', phone: '081234567890', regency: '31.74' }, resolver)).toEqual([]);
  });

  it('agrees with validateRosterRow: the first problem is the rejection reason', () => {
    fc.assert(
      fc.property(
        fc.record({
          businessName: fc.constantFrom('', 'Usaha'),
          ownerName: fc.constantFrom('', 'Pemilik'),
          nik: fc.constantFrom('', '3174015203920001', '3.17401E+15'),
          phone: fc.constantFrom('', '081234567890', '021-555'),
          nib: fc.constantFrom('', '1234567890123', '12'),
          regency: fc.constantFrom('', '31.74', 'Bandung'),
        }),
        (values) => {
          const problems = rosterRowProblems(values, resolver);
          const result = validateRosterRow(values, resolver);
          return result.ok ? problems.length === 0 : problems[0] === result.reason;
        },
      ),
    );
  });
});

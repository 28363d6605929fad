import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { REDACTED, redactPersonalValues } from './audit-redaction.ts';

const digits = (n: number) => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: n, maxLength: n });
/** A NIK, a mobile number in the usual spellings, an email address. */
const personalValue = fc.oneof(
  digits(16),
  fc.tuple(fc.constantFrom('08', '+628', '628'), digits(9)).map(([p, d]) => `${p}${d}`),
  fc.tuple(fc.constantFrom('0812-', '0812 ', '+62 812-'), digits(4), fc.constantFrom('-', ' ', ''), digits(4)).map((parts) => parts.join('')),
  fc.tuple(fc.stringMatching(/^[a-z][a-z0-9.]{0,10}$/), fc.constantFrom('contoh.id', 'gmail.com')).map(([user, domain]) => `${user}@${domain}`),
);
const harmless = fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.uuid(), fc.stringMatching(/^[A-Z]{2,8}-20[0-9]{2}$/));
const safeKey = fc.constantFrom('id', 'code', 'count', 'programmeId', 'serial', 'status', 'rows', 'reason');

describe('redactPersonalValues', () => {
  it.each([
    [{ serial: 'BRD-2025-000001', personId: '5b7c6a0e-3f0c-4d5e-8a4e-1f2a3b4c5d6e' }, { serial: 'BRD-2025-000001', personId: '5b7c6a0e-3f0c-4d5e-8a4e-1f2a3b4c5d6e' }],
    [{ name: 'Siti', ownerName: 'Budi', full_name: 'Ani', nik: '3174015203920001', phoneE164: '+6281234567890' }, { name: REDACTED, ownerName: REDACTED, full_name: REDACTED, nik: REDACTED, phoneE164: REDACTED }],
    [{ changes: { email: 'a@b.id', role: 'viewer' } }, { changes: { email: REDACTED, role: 'viewer' } }],
    [{ note: 'NIK 3174015203920001 diganti' }, { note: REDACTED }],
    [{ to: ['081234567890', 'x'] }, { to: [REDACTED, 'x'] }],
    [{ rows: 370000, inserted: 12, code: 'JAKPRENEUR-2024', year: 2024, postTestPassPercent: 70 }, { rows: 370000, inserted: 12, code: 'JAKPRENEUR-2024', year: 2024, postTestPassPercent: 70 }],
    [{ npwp: '1234567890123456789' }, { npwp: '1234567890123456789' }],
    [{ id: '00000000-6280-4890-8000-000000000000' }, { id: '00000000-6280-4890-8000-000000000000' }],
  ])('%j → %j', (input, expected) => {
    expect(redactPersonalValues(input)).toEqual(expected);
  });

  it('never lets a personal value through, however deep it is nested', () => {
    const tree = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: 'small' }, harmless, personalValue, fc.array(tie('node'), { maxLength: 3 }), fc.dictionary(safeKey, tie('node'), { maxKeys: 3 })),
    })).node;
    fc.assert(
      fc.property(tree, personalValue, (details, secret) => {
        const out = JSON.stringify(redactPersonalValues({ details, extra: [`catatan ${secret}`] }));
        expect(out).not.toContain(secret);
      }),
    );
  });

  it('keeps details without personal values exactly as they are', () => {
    fc.assert(fc.property(fc.dictionary(safeKey, harmless), (details) => {
        expect(redactPersonalValues(details)).toEqual(details);
      }),
    );
  });
});

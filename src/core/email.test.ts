import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normaliseEmail } from './email.ts';

const emailLike = fc.stringMatching(/^[a-z0-9]{1,12}([._+-][a-z0-9]{1,6})?@[a-z0-9]{1,12}(-[a-z0-9]{1,5})?\.(com|id|co\.id|or\.id|go\.id)$/u);

describe('normaliseEmail', () => {
  it.each([
    ['sri@tokomaju.co.id', 'sri@tokomaju.co.id'],
    ['  Sri.Wahyuni@Gmail.COM ', 'sri.wahyuni@gmail.com'],
    ['umkm+jakpreneur@example.org', 'umkm+jakpreneur@example.org'],
    ['dinas-kukm@jakarta.go.id', 'dinas-kukm@jakarta.go.id'],
  ])('accepts %j as %s', (raw, expected) => {
    expect(normaliseEmail(raw)).toEqual({ kind: 'valid', value: expected });
  });

  it.each([[''], ['   '], [null], [undefined]])('treats %j as empty', (raw) => {
    expect(normaliseEmail(raw)).toEqual({ kind: 'empty' });
  });

  it.each([
    ['sri', 'no @'],
    ['sri@', 'no domain'],
    ['@gmail.com', 'no local part'],
    ['sri@gmail', 'no top-level domain'],
    ['sri wahyuni@gmail.com', 'space inside'],
    ['sri@@gmail.com', 'two @'],
    ['sri..w@gmail.com', 'two dots in a row'],
    ['-', 'a dash'],
    ['tidak ada', 'text'],
  ])('rejects %j (%s)', (raw) => {
    expect(normaliseEmail(raw)).toEqual({ kind: 'invalid' });
  });

  it('accepts plain addresses whatever their case and surrounding spaces, and is idempotent', () => {
    fc.assert(
      fc.property(emailLike, fc.boolean(), fc.constantFrom('', ' ', '\t'), (email, upper, pad) => {
        const raw = `${pad}${upper ? email.toUpperCase() : email}${pad}`;
        expect(normaliseEmail(raw)).toEqual({ kind: 'valid', value: email });
        expect(normaliseEmail(email)).toEqual({ kind: 'valid', value: email });
      }),
    );
  });

  it('never throws and never returns upper case or surrounding spaces', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (raw) => {
        const result = normaliseEmail(raw);
        if (result.kind === 'valid') expect(result.value).toBe(result.value.trim().toLowerCase());
      }),
    );
  });
});

import { describe, expect, it } from 'vitest';
import type { WalkInValues } from './offline/outbox-record.ts';
import { nikProblem, phoneProblem, walkInProblems } from './walk-in-rules.ts';

const base: WalkInValues = { ownerName: 'Maria Goreti', businessName: 'Tenun Ikat Maria', nik: '', phone: '0812-3456-7890', gender: 'female', sector: 'tekstil', regency: '53.15' };

describe('walk-in rules', () => {
  it.each([
    ['0812-3456-7890', null],
    ['+6281234567890', null],
    ['6281234567890', null],
    ['021-7654321', 'phone_invalid'],
    ['812345678', 'phone_invalid'],
    ['', null],
  ])('phone %j → %s', (phone, problem) => expect(phoneProblem(phone)).toBe(problem));

  it.each([
    ['5315014506880002', null],
    ['5315015506880002', null],
    ['3.17401E+15', 'nik_invalid'],
    ['5315013506880002', 'nik_invalid'],
    ['5315011513880002', 'nik_invalid'],
    ['', null],
  ])('NIK %j → %s', (nik, problem) => expect(nikProblem(nik)).toBe(problem));

  it('accepts a complete walk-in', () => expect(walkInProblems(base)).toEqual({}));

  it('needs names, a regency and a NIK or phone', () => {
    expect(walkInProblems({ ...base, ownerName: ' ', businessName: '', regency: '', phone: '' })).toEqual({
      ownerName: 'required',
      businessName: 'required',
      regency: 'required',
      phone: 'no_identity',
    });
  });
});

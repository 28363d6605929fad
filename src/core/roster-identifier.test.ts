import { describe, expect, it } from 'vitest';
import { identifyCells, identifyPastedLine, maskPhone, maskText } from './roster-identifier.ts';

const PROVINCES = new Set(['31', '53', '62', '91']);

describe('identifyPastedLine', () => {
  it.each([
    ['3174011203900001', { kind: 'identity', nik: '3174011203900001', phone: null, shown: '3174********0001' }],
    ['3174 0112 0390 0001', { kind: 'identity', nik: '3174011203900001', phone: null, shown: '3174********0001' }],
    // 62… with 16 digits is a NIK from Kalimantan Tengah, not a phone number.
    ['6271015507850003', { kind: 'identity', nik: '6271015507850003', phone: null, shown: '6271********0003' }],
    ['0812-3456-7890', { kind: 'identity', nik: null, phone: '+6281234567890', shown: '+62812****7890' }],
    ['+62 812 3456 7890', { kind: 'identity', nik: null, phone: '+6281234567890', shown: '+62812****7890' }],
    ["'6281234567890", { kind: 'identity', nik: null, phone: '+6281234567890', shown: '+62812****7890' }],
    ['3174011203900001; 081234567890', { kind: 'identity', nik: '3174011203900001', phone: '+6281234567890', shown: '3174********0001' }],
    // One good value is enough: the other is reported nowhere, the person is still found.
    ['3174019903900001,081234567890', { kind: 'identity', nik: null, phone: '+6281234567890', shown: '+62812****7890' }],
    ['', { kind: 'blank' }],
    ['   \t ', { kind: 'blank' }],
    ['-', { kind: 'blank' }],
    ['3174019903900001', { kind: 'problem', reason: 'nik_invalid', shown: '31************01' }],
    ['9974011203900001', { kind: 'problem', reason: 'nik_invalid', shown: '99************01' }],
    ['0212345678', { kind: 'problem', reason: 'phone_invalid', shown: '02******78' }],
    ['812', { kind: 'problem', reason: 'phone_invalid', shown: '***' }],
    ['NIK', { kind: 'problem', reason: 'not_identifier', shown: '***' }],
    ['Sri Wahyuni', { kind: 'problem', reason: 'not_identifier', shown: 'Sr*******ni' }],
  ])('%j', (line, expected) => {
    expect(identifyPastedLine(line, PROVINCES)).toEqual(expected);
  });
});

describe('identifyCells', () => {
  it.each([
    [{ nik: '3174011203900001', phone: '081234567890' }, { kind: 'identity', nik: '3174011203900001', phone: '+6281234567890', shown: '3174********0001' }],
    [{ nik: '', phone: '081234567890' }, { kind: 'identity', nik: null, phone: '+6281234567890', shown: '+62812****7890' }],
    [{ nik: '3.17401E+15', phone: '081234567890' }, { kind: 'identity', nik: null, phone: '+6281234567890', shown: '+62812****7890' }],
    [{ nik: '3.17401E+15', phone: '' }, { kind: 'problem', reason: 'nik_invalid', shown: '3.*******15' }],
    [{ nik: '-', phone: '12345' }, { kind: 'problem', reason: 'phone_invalid', shown: '12*45' }],
    [{ nik: '', phone: '' }, { kind: 'problem', reason: 'no_identity', shown: null }],
    [{}, { kind: 'problem', reason: 'no_identity', shown: null }],
  ])('%j', (cells, expected) => {
    expect(identifyCells(cells, PROVINCES)).toEqual(expected);
  });
});

describe('masking', () => {
  it('keeps only the ends of what it shows', () => {
    expect(maskPhone('+6281234567890')).toBe('+62812****7890');
    expect(maskPhone('+628123456789')).toBe('+62812***6789');
    expect(maskText('ab')).toBe('**');
    expect(maskText(' 08123 ')).toBe('08*23');
  });
});

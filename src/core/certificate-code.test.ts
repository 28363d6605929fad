import { describe, expect, it } from 'vitest';
import { certificateSerial, newVerificationCode, normaliseVerificationCode, verificationUrl } from './certificate-code.ts';

describe('certificate identifiers', () => {
  it('numbers serials within the programme', () => {
    expect(certificateSerial('JAKPRENEUR-2024', 42)).toBe('JAKPRENEUR-2024-00042');
    expect(certificateSerial('FB-10K', 123456)).toBe('FB-10K-123456');
  });

  it('makes 12-character codes from the Crockford alphabet', () => {
    const code = newVerificationCode();
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{12}$/);
    expect(newVerificationCode(() => Buffer.alloc(12, 31))).toBe('ZZZZZZZZZZZZ');
    expect(new Set(Array.from({ length: 200 }, () => newVerificationCode())).size).toBe(200);
  });

  it.each([
    ['7K3M9Q2R4T6V', '7K3M9Q2R4T6V'],
    ['7k3m-9q2r-4t6v', '7K3M9Q2R4T6V'],
    ['OOOO IIII LLLL', '000011111111'],
    ['7K3M9Q2R4T6', null],
    ['7K3M9Q2R4T6U', null],
    ['', null],
  ])('reads %j as %s', (raw, code) => {
    expect(normaliseVerificationCode(raw)).toBe(code);
  });

  it('points the QR code at the public verification page', () => {
    expect(verificationUrl('https://berdaya.example.id/', 'ABC')).toBe('https://berdaya.example.id/verify/ABC');
  });
});

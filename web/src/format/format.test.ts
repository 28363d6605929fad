import { describe, expect, it } from 'vitest';
import { formatBytes, formatDate, formatDateRange, formatDateTime, formatNumber } from './format.ts';

describe('formatDate', () => {
  it('writes dates the Indonesian way in id and the British way in en', () => {
    expect(formatDate('2024-01-23', 'id')).toBe('23 Januari 2024');
    expect(formatDate('2024-01-23', 'en')).toBe('23 January 2024');
  });

  it('never shifts a date-only value by the time zone', () => {
    expect(formatDate('2024-12-31', 'id')).toBe('31 Desember 2024');
  });

  it('leaves missing dates empty and unparseable ones as they are', () => {
    expect(formatDate(null, 'id')).toBe('');
    expect(formatDate('bukan tanggal', 'id')).toBe('bukan tanggal');
  });

  it('joins a range, or shows the known side', () => {
    expect(formatDateRange('2024-01-01', '2024-12-31', 'id')).toBe('1 Januari 2024 – 31 Desember 2024');
    expect(formatDateRange('2024-01-01', null, 'en')).toBe('1 January 2024 –');
    expect(formatDateRange(null, null, 'en')).toBe('');
  });
});

describe('formatDateTime', () => {
  it('shows timestamps in Western Indonesia Time', () => {
    expect(formatDateTime('2026-11-23T13:10:00.000Z', 'id')).toContain('20.10');
  });
});

describe('numbers and sizes', () => {
  it('uses the language’s separators', () => {
    expect(formatNumber(370000, 'id')).toBe('370.000');
    expect(formatNumber(370000, 'en')).toBe('370,000');
    expect(formatNumber(12.5, 'id')).toBe('12,5');
  });

  it('rounds file sizes', () => {
    expect(formatBytes(77, 'id')).toBe('77 B');
    expect(formatBytes(48 * 1024, 'en')).toBe('48 KB');
    expect(formatBytes(1.25 * 1024 * 1024, 'id')).toBe('1,3 MB');
  });
});

import { describe, expect, it } from 'vitest';
import { addDays, addMonths, monthGrid, startOfWeek, todayInJakarta, zoneOfRegion } from './time-zone.ts';

describe('zoneOfRegion', () => {
  it.each([
    ['31.74', 'Asia/Jakarta'],
    ['53.15', 'Asia/Makassar'],
    ['51', 'Asia/Makassar'],
    ['64.71', 'Asia/Makassar'],
    ['62.01', 'Asia/Jakarta'],
    ['81.71', 'Asia/Jayapura'],
    ['91.71', 'Asia/Jayapura'],
    ['xx', 'Asia/Jakarta'],
  ])('%s → %s', (code, zone) => expect(zoneOfRegion(code)).toBe(zone));
});

describe('calendar days', () => {
  it('starts weeks on Monday', () => {
    expect(startOfWeek('2024-01-24')).toBe('2024-01-22');
    expect(startOfWeek('2024-01-22')).toBe('2024-01-22');
    expect(startOfWeek('2024-01-28')).toBe('2024-01-22');
  });
  it('lays out a month in whole weeks', () => {
    const days = monthGrid('2024-02-10');
    expect(days[0]).toBe('2024-01-29');
    expect(days.at(-1)).toBe('2024-03-03');
    expect(days.length % 7).toBe(0);
    expect(days).toContain('2024-02-29');
  });
  it('moves by days and months across year ends', () => {
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(addMonths('2024-12-15', 1)).toBe('2025-01-01');
    expect(addMonths('2024-01-31', -1)).toBe('2023-12-01');
  });
  it('knows the date in WIB', () => {
    expect(todayInJakarta(new Date('2024-01-23T17:30:00Z'))).toBe('2024-01-24');
    expect(todayInJakarta(new Date('2024-01-23T16:59:00Z'))).toBe('2024-01-23');
  });
});

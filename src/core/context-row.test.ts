import { describe, expect, it } from 'vitest';
import { matchContextHeaders, parseDate, parseNumber, parsePeriod, periodBounds } from './context-row.ts';

describe('context rows', () => {
  it.each([
    ['2023', '2023'],
    ['2023-q3', '2023-Q3'],
    ['2023 Q3', '2023-Q3'],
    ['TW2 2024', '2024-Q2'],
    ['Q4-2024', '2024-Q4'],
    ['2024/3', '2024-03'],
    ['07/2023', '2023-07'],
    ['2023-13', null],
    ['2023-Q5', null],
    ['1890', null],
    ['tahun lalu', null],
  ])('reads the period %s as %s', (raw, period) => expect(parsePeriod(raw)).toBe(period));

  it.each([
    ['423847', 423847],
    ['423.847', 423847],
    ['423,847', 423847],
    ['1.234.567,8', 1234567.8],
    ['72,5', 72.5],
    ['72.5', 72.5],
    ['-5', -5],
    ['banyak', null],
    ['12a', null],
    ['', null],
  ])('reads the number %s as %s', (raw, value) => expect(parseNumber(raw)).toBe(value));

  it('bounds periods and checks real dates', () => {
    expect(periodBounds('2024-Q1')).toEqual({ start: '2024-01-01', end: '2024-03-31' });
    expect(periodBounds('2024-02')).toEqual({ start: '2024-02-01', end: '2024-02-29' });
    expect(periodBounds('2023')).toEqual({ start: '2023-01-01', end: '2023-12-31' });
    expect(parseDate('01/02/2024')).toBe('2024-02-01');
    expect(parseDate('31/02/2024')).toBeNull();
    expect(parseDate('2024-02-30')).toBeNull();
  });

  it('matches Indonesian and English headers', () => {
    expect(matchContextHeaders(['Seri', 'Lokasi', 'Periode', 'Nilai', 'Sumber', 'Tanggal sumber', 'Catatan'])).toEqual({ series: 0, place: 1, period: 2, value: 3, source: 4, sourceDate: 5 });
    expect(matchContextHeaders(['Indicator', 'Regency', 'Year', 'Value'])).toEqual({ series: 0, place: 1, period: 2, value: 3 });
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatLocalInstant, formatLocalRange, localToUtc, startOfLocalDay, timeZoneOfRegion, toZonedIso, utcToLocal, type IndonesianTimeZone } from './time-zone.ts';

/** Every province in idn-area-data and its zone, written out by hand. */
const PROVINCES: [string, string, IndonesianTimeZone][] = [
  ['11', 'Aceh', 'Asia/Jakarta'],
  ['12', 'Sumatera Utara', 'Asia/Jakarta'],
  ['13', 'Sumatera Barat', 'Asia/Jakarta'],
  ['14', 'Riau', 'Asia/Jakarta'],
  ['15', 'Jambi', 'Asia/Jakarta'],
  ['16', 'Sumatera Selatan', 'Asia/Jakarta'],
  ['17', 'Bengkulu', 'Asia/Jakarta'],
  ['18', 'Lampung', 'Asia/Jakarta'],
  ['19', 'Kepulauan Bangka Belitung', 'Asia/Jakarta'],
  ['21', 'Kepulauan Riau', 'Asia/Jakarta'],
  ['31', 'DKI Jakarta', 'Asia/Jakarta'],
  ['32', 'Jawa Barat', 'Asia/Jakarta'],
  ['33', 'Jawa Tengah', 'Asia/Jakarta'],
  ['34', 'DI Yogyakarta', 'Asia/Jakarta'],
  ['35', 'Jawa Timur', 'Asia/Jakarta'],
  ['36', 'Banten', 'Asia/Jakarta'],
  ['51', 'Bali', 'Asia/Makassar'],
  ['52', 'Nusa Tenggara Barat', 'Asia/Makassar'],
  ['53', 'Nusa Tenggara Timur', 'Asia/Makassar'],
  ['61', 'Kalimantan Barat', 'Asia/Jakarta'],
  ['62', 'Kalimantan Tengah', 'Asia/Jakarta'],
  ['63', 'Kalimantan Selatan', 'Asia/Makassar'],
  ['64', 'Kalimantan Timur', 'Asia/Makassar'],
  ['65', 'Kalimantan Utara', 'Asia/Makassar'],
  ['71', 'Sulawesi Utara', 'Asia/Makassar'],
  ['72', 'Sulawesi Tengah', 'Asia/Makassar'],
  ['73', 'Sulawesi Selatan', 'Asia/Makassar'],
  ['74', 'Sulawesi Tenggara', 'Asia/Makassar'],
  ['75', 'Gorontalo', 'Asia/Makassar'],
  ['76', 'Sulawesi Barat', 'Asia/Makassar'],
  ['81', 'Maluku', 'Asia/Jayapura'],
  ['82', 'Maluku Utara', 'Asia/Jayapura'],
  ['91', 'Papua', 'Asia/Jayapura'],
  ['92', 'Papua Barat', 'Asia/Jayapura'],
  ['93', 'Papua Selatan', 'Asia/Jayapura'],
  ['94', 'Papua Tengah', 'Asia/Jayapura'],
  ['95', 'Papua Pegunungan', 'Asia/Jayapura'],
  ['96', 'Papua Barat Daya', 'Asia/Jayapura'],
];

describe('timeZoneOfRegion', () => {
  it.each(PROVINCES)('province %s (%s) keeps %s', (code, _name, zone) => {
    expect(timeZoneOfRegion(code)).toBe(zone);
  });

  it.each([
    ['53.15', 'Asia/Makassar'], // Manggarai Barat (Labuan Bajo)
    ['91.71', 'Asia/Jayapura'], // Kota Jayapura
    ['31.74.01', 'Asia/Jakarta'], // a district in Jakarta Selatan
    ['61.71', 'Asia/Jakarta'], // Kota Pontianak
    ['64.71', 'Asia/Makassar'], // Kota Balikpapan
    ['51.06.01.2001', 'Asia/Makassar'], // a village in Bangli
  ])('region %s keeps %s', (code, zone) => {
    expect(timeZoneOfRegion(code)).toBe(zone);
  });

  it.each(['', '1', '00', '37', '50', '54', '60', '66', '70', '77', '80', '83', '90', '97', '99', 'ab', '5315'])('has no zone for %j', (code) => {
    expect(timeZoneOfRegion(code)).toBeNull();
  });
});

describe('local time conversion', () => {
  it.each([
    ['2024-01-23T09:00', 'Asia/Jakarta', '2024-01-23T02:00:00.000Z'],
    ['2024-01-23T09:00', 'Asia/Makassar', '2024-01-23T01:00:00.000Z'],
    ['2024-01-23T09:00', 'Asia/Jayapura', '2024-01-23T00:00:00.000Z'],
    ['2024-01-01T03:30', 'Asia/Jayapura', '2023-12-31T18:30:00.000Z'],
    ['2024-02-29T23:59:30', 'Asia/Jakarta', '2024-02-29T16:59:30.000Z'],
  ] as const)('%s in %s is %s', (local, zone, utc) => {
    expect(localToUtc(local, zone)?.toISOString()).toBe(utc);
  });

  it.each(['2023-02-29T09:00', '2024-13-01T09:00', '2024-01-32T09:00', '2024-01-01T24:00', '2024-01-01T09:60', '2024-01-01 09:00', '2024-01-01T09:00Z', 'besok'])(
    'refuses %j',
    (local) => {
      expect(localToUtc(local, 'Asia/Jakarta')).toBeNull();
    },
  );

  it('round-trips any minute in every zone, and agrees with the platform time-zone database', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2000, 0, 1) / 60_000, max: Date.UTC(2040, 0, 1) / 60_000 }), fc.constantFrom<IndonesianTimeZone>('Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura'), (minute, zone) => {
        const instant = new Date(minute * 60_000);
        const local = utcToLocal(instant, zone);
        expect(localToUtc(local, zone)?.getTime()).toBe(instant.getTime());
        const parts = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(instant);
        const part = (type: string) => parts.find((p) => p.type === type)?.value;
        expect(local).toBe(`${part('year')}-${part('month')}-${part('day')}T${part('hour')}:${part('minute')}`);
      }),
    );
  });

  it('writes the offset and the start of a local day', () => {
    expect(toZonedIso(new Date('2024-01-23T01:00:00Z'), 'Asia/Makassar')).toBe('2024-01-23T09:00:00+08:00');
    expect(startOfLocalDay('2024-01-23', 'Asia/Jayapura')?.toISOString()).toBe('2024-01-22T15:00:00.000Z');
  });

  it('formats a session as people read it, with the zone label', () => {
    const start = new Date('2024-01-23T01:00:00Z');
    const end = new Date('2024-01-23T04:00:00Z');
    expect(formatLocalRange(start, end, 'Asia/Makassar')).toBe('Selasa, 23 Januari 2024, 09.00–12.00 WITA');
    expect(formatLocalRange(start, end, 'Asia/Makassar', 'en')).toBe('Tuesday, 23 January 2024, 09:00–12:00 WITA');
    expect(formatLocalInstant(start, 'Asia/Jakarta')).toBe('Selasa, 23 Januari 2024, 08.00 WIB');
    expect(formatLocalRange(start, new Date('2024-01-24T04:00:00Z'), 'Asia/Jayapura')).toBe('Selasa, 23 Januari 2024, 10.00–Rabu, 24 Januari 2024, 13.00 WIT');
  });
});

import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeProgramme, makeSite } from '../../../test/support/factories.ts';
import { createTestApp, type Client, type TestApp } from '../../../test/support/test-app.ts';
import { enrolPeople } from '../../../test/support/training.ts';
import { loadDemo } from '../demo/load-demo.ts';
import { drainFactRefresh } from '../monitoring/facts.ts';

/**
 * Context figures, the events calendar and the context panel on a small programme:
 * sites Labuan Bajo (53.15, Manggarai Barat) and Jaksel (31.74).
 */
let t: TestApp;
let admin: Client;
let viewer: Client;
let programmeId: string;
let otherProgrammeId: string;
let labuanSiteId: string;
let jakselSiteId: string;
const series: Record<string, string> = {};

function upload(client: Client, url: string, name: string, type: string, content: Buffer, headers: Record<string, string> = {}) {
  const boundary = '----berdaya-konteks';
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: ${type}\r\n\r\n`;
  return client.inject({
    method: 'POST',
    url,
    payload: Buffer.concat([Buffer.from(head), content, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, ...headers },
  });
}

async function xlsx(rows: (string | number)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('Konteks');
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.signIn({ role: 'admin' });
  viewer = await t.signIn({ role: 'viewer' });
  programmeId = (await makeProgramme(t.ctx.db, { startDate: '2024-01-01', endDate: '2024-12-31' })).id;
  otherProgrammeId = (await makeProgramme(t.ctx.db)).id;
  labuanSiteId = (await makeSite(t.ctx.db, programmeId, { name: 'Labuan Bajo', regionCode: '53.15', type: 'destinasi_wisata' })).id;
  jakselSiteId = (await makeSite(t.ctx.db, programmeId, { name: 'Jaksel', regionCode: '31.74' })).id;
  const list = await admin.get(`/api/programs/${programmeId}/context/series`);
  expect(list.statusCode).toBe(200);
  for (const s of list.json().items) series[s.code] = s.id;
}, 120_000);
afterAll(() => t?.close());

const CSV = [
  'Seri;Tempat;Periode;Nilai;Sumber;Tanggal sumber;Catatan',
  'Kunjungan wisatawan (total);Labuan Bajo;2023;423.847;BPS Manggarai Barat;01/02/2024;',
  'tourist_visits_total;Manggarai Barat;2024;1.000;Dinas Pariwisata;;',
  'hotel_occupancy;53.15;2023-07;72,5;BPS;;',
  'hotel_occupancy;53.15;2023-08;120;BPS;;',
  'tourist_visits_total;Atlantis;2023;100;;;',
  'tourist_visits_total;Labuan Bajo;2023-13;100;;;',
  'tourist_visits_total;Labuan Bajo;2024;banyak;;;',
  'kunjungan_ufo;Labuan Bajo;2024;1;;;',
  'tourist_visits_total;Labuan Bajo;2024;-5;;;',
  'tourist_visits_total;Labuan Bajo;2024;5;;31/02/2024;',
  ';Labuan Bajo;2024;5;;;',
].join('\r\n');

describe('context figures', () => {
  it('lists the standard series to everyone who sees the programme', () => {
    expect(Object.keys(series).sort()).toEqual(['hotel_occupancy', 'tourist_visits_domestic', 'tourist_visits_foreign', 'tourist_visits_total']);
  });

  it('imports a CSV: good rows stored with source and date, every bad row reported with its line and reason', async () => {
    const res = await upload(admin, `/api/programs/${programmeId}/context/import`, 'konteks.csv', 'text/csv', Buffer.from(CSV));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({
      total: 11,
      inserted: 3,
      updated: 0,
      rejected: 8,
      rejectedByReason: {
        value_out_of_range: 1,
        place_unknown: 1,
        period_invalid: 1,
        value_not_numeric: 1,
        series_unknown: 1,
        value_negative: 1,
        source_date_invalid: 1,
        missing_value: 1,
      },
      errors: [
        { line: 5, reason: 'value_out_of_range', value: '120' },
        { line: 6, reason: 'place_unknown', value: 'Atlantis' },
        { line: 7, reason: 'period_invalid', value: '2023-13' },
        { line: 8, reason: 'value_not_numeric', value: 'banyak' },
        { line: 9, reason: 'series_unknown', value: 'kunjungan_ufo' },
        { line: 10, reason: 'value_negative', value: '-5' },
        { line: 11, reason: 'source_date_invalid', value: '31/02/2024' },
        { line: 12, reason: 'missing_value', value: '5' },
      ],
      unknownColumns: ['Catatan'],
      errorsCsv: expect.any(String),
    });
    // The error file keeps the file's own columns and delimiter, then the line and the reason in words.
    expect(res.json().errorsCsv.split('\r\n')).toEqual([
      '\uFEFFSeri;Tempat;Periode;Nilai;Sumber;Tanggal sumber;Catatan;Baris Asal;Kode Alasan;Alasan',
      'hotel_occupancy;53.15;2023-08;120;BPS;;;5;value_out_of_range;Persentase harus 0 sampai 100',
      'tourist_visits_total;Atlantis;2023;100;;;;6;place_unknown;Tempat tidak dikenal (bukan lokasi program ini, kode atau nama kabupaten/kota)',
      'tourist_visits_total;Labuan Bajo;2023-13;100;;;;7;period_invalid;Periode tidak valid (contoh: 2023, 2023-Q3, 2023-07)',
      'tourist_visits_total;Labuan Bajo;2024;banyak;;;;8;value_not_numeric;Nilai bukan angka',
      'kunjungan_ufo;Labuan Bajo;2024;1;;;;9;series_unknown;Seri data tidak dikenal',
      'tourist_visits_total;Labuan Bajo;2024;-5;;;;10;value_negative;Nilai tidak boleh negatif',
      'tourist_visits_total;Labuan Bajo;2024;5;;31/02/2024;;11;source_date_invalid;Tanggal sumber tidak valid (contoh: 2024-02-01 atau 01/02/2024)',
      ';Labuan Bajo;2024;5;;;;12;missing_value;Seri, tempat, periode dan nilai wajib diisi',
      '',
    ]);
    const values = (await viewer.get(`/api/programs/${programmeId}/context/values`)).json().items;
    expect(values.map((v: Record<string, unknown>) => [v.period, v.regionCode, v.siteId, v.value, v.source, v.sourceDate, v.origin])).toEqual([
      ['2023', '53.15', labuanSiteId, 423847, 'BPS Manggarai Barat', '2024-02-01', 'import'],
      ['2023-07', '53.15', null, 72.5, 'BPS', null, 'import'],
      ['2024', '53.15', null, 1000, 'Dinas Pariwisata', null, 'import'],
    ]);
  });

  it('replaces figures on a second import instead of duplicating them', async () => {
    const res = await upload(admin, `/api/programs/${programmeId}/context/import`, 'konteks.csv', 'text/csv', Buffer.from(CSV));
    expect(res.json()).toMatchObject({ total: 11, inserted: 0, updated: 3, rejected: 8 });
    expect((await admin.get(`/api/programs/${programmeId}/context/values`)).json().items).toHaveLength(3);
  });

  it('imports XLSX the same way (numbers as numbers, English headers)', async () => {
    const file = await xlsx([
      ['Series', 'Place', 'Period', 'Value', 'Source'],
      ['Foreign tourist visits', 'Kab. Manggarai Barat', '2023', 180000, 'BPS'],
      ['Foreign tourist visits', 'Gotham', '2023', 5, 'BPS'],
    ]);
    const res = await upload(admin, `/api/programs/${programmeId}/context/import`, 'konteks.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', file);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ total: 2, inserted: 1, rejected: 1, errors: [{ line: 3, reason: 'place_unknown', value: 'Gotham' }] });
    const english = await upload(admin, `/api/programs/${programmeId}/context/import`, 'konteks.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', file, { 'accept-language': 'en' });
    // XLSX: comma-separated, and the reasons in English for an English-speaking user.
    expect(english.json().errorsCsv).toBe(
      '\uFEFFSeries,Place,Period,Value,Source,Original line,Reason code,Reason\r\nForeign tourist visits,Gotham,2023,5,BPS,3,place_unknown,"Unknown place (not a site of this programme, nor a regency code or name)"\r\n',
    );
    const foreign = (await admin.get(`/api/programs/${programmeId}/context/values?seriesId=${series.tourist_visits_foreign}`)).json().items;
    expect(foreign.map((v: Record<string, unknown>) => [v.period, v.regionCode, v.value])).toEqual([['2023', '53.15', 180000]]);
  });

  it('refuses a file without a required column, naming it, and stores nothing', async () => {
    const res = await upload(admin, `/api/programs/${programmeId}/context/import`, 'konteks.csv', 'text/csv', Buffer.from('seri,tempat,periode\ntourist_visits_total,53.15,2022\n'));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toBe('Berkas tidak memiliki kolom wajib: value (seri, tempat, periode, nilai)');
    expect((await admin.get(`/api/programs/${programmeId}/context/values`)).json().items).toHaveLength(4);
  });

  it('takes a figure typed by hand, with each problem on its field, and lets managers define series', async () => {
    const bad = await admin.post(`/api/programs/${programmeId}/context/values`, { seriesId: series.hotel_occupancy, place: 'Labuan Bajo', period: '2023-08', value: 'tujuh puluh' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toEqual({ value: 'Nilai bukan angka' });
    const good = await admin.post(`/api/programs/${programmeId}/context/values`, { seriesId: series.hotel_occupancy, place: 'Labuan Bajo', period: '2023-08', value: 68 });
    expect(good.json()).toEqual({ inserted: true });
    expect((await admin.post(`/api/programs/${programmeId}/context/values`, { seriesId: series.hotel_occupancy, place: 'Labuan Bajo', period: '2023-08', value: '69,5' })).json()).toEqual({ inserted: false });

    const created = await admin.post(`/api/programs/${programmeId}/context/series`, { code: 'kapal_pesiar', name: { id: 'Kunjungan kapal pesiar', en: 'Cruise ship calls' }, unit: 'count', defaultSource: 'KSOP Labuan Bajo' });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ code: 'kapal_pesiar', standard: false, unit: 'count' });
    expect((await admin.post(`/api/programs/${programmeId}/context/series`, { code: 'kapal_pesiar', name: { id: 'Lagi', en: 'Again' }, unit: 'count' })).statusCode).toBe(409);
    // Another programme does not see this programme's own series.
    expect((await admin.get(`/api/programs/${otherProgrammeId}/context/series`)).json().items.map((s: { code: string }) => s.code)).not.toContain('kapal_pesiar');
    expect((await viewer.post(`/api/programs/${programmeId}/context/values`, { seriesId: series.hotel_occupancy, place: '53.15', period: '2023', value: 1 })).statusCode).toBe(403);
  });
});

describe('context panel', () => {
  it('puts the context series beside a programme indicator for the same place and periods, hiding small cells from viewers', async () => {
    const people = await enrolPeople(t.ctx.db, programmeId, [{ regencyCode: '53.15' }, { regencyCode: '53.15' }, { regencyCode: '31.74' }]);
    await t.ctx.database.query(`UPDATE enrolment SET created_at = '2024-05-01T03:00:00Z' WHERE person_id = ANY($1::uuid[])`, [`{${people.join(',')}}`]);
    await drainFactRefresh(t.ctx.database, programmeId);
    const url = `/api/programs/${programmeId}/context/panel?seriesId=${series.tourist_visits_total}&indicator=msme_enrolled&regionCode=53.15&period=year`;
    const res = await admin.get(url);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ contextNotEffect: true, place: { regionCode: '53.15', siteId: null }, indicator: { code: 'msme_enrolled' } });
    expect(res.json().rows).toEqual([{ period: '2024', context: 1000, source: 'Dinas Pariwisata', indicator: 2, suppressed: false }]);
    expect((await viewer.get(url)).json().rows).toEqual([{ period: '2024', context: 1000, source: 'Dinas Pariwisata', indicator: null, suppressed: true }]);
    const site = await admin.get(`/api/programs/${programmeId}/context/panel?seriesId=${series.tourist_visits_total}&siteId=${labuanSiteId}&period=year`);
    expect(site.json().rows).toEqual([{ period: '2023', context: 423847, source: 'BPS Manggarai Barat', indicator: null, suppressed: false }]);
  });
});

describe('events calendar', () => {
  it('keeps events with their season, shows them with sessions, and lets sessions be planned around them', async () => {
    const wrong = await admin.post(`/api/programs/${programmeId}/events`, { title: 'Terbalik', kind: 'festival', startsOn: '2024-07-03', endsOn: '2024-07-01', siteId: labuanSiteId });
    expect(wrong.json().error.fields).toEqual({ endsOn: 'Tanggal selesai harus sama dengan atau setelah tanggal mulai' });
    const festival = await admin.post(`/api/programs/${programmeId}/events`, { title: 'Festival Golo Koe', kind: 'festival', season: 'high', startsOn: '2024-08-10', endsOn: '2024-08-15', siteId: labuanSiteId });
    expect(festival.statusCode, festival.body).toBe(201);
    expect(festival.json()).toMatchObject({ title: 'Festival Golo Koe', season: 'high', regionCode: '53.15', siteId: labuanSiteId, siteName: 'Labuan Bajo' });
    const low = await admin.post(`/api/programs/${programmeId}/events`, { title: 'Musim sepi', kind: 'regional_event', season: 'low', startsOn: '2024-01-15', endsOn: '2024-03-15', regionCode: '53.15' });
    expect(low.statusCode).toBe(201);
    const other = await admin.post(`/api/programs/${otherProgrammeId}/events`, { title: 'Acara lain', kind: 'other', startsOn: '2024-08-01', endsOn: '2024-08-01', regionCode: '31.74' });

    const [session] = await t.ctx.database.query(
      `INSERT INTO training_session (programme_id, site_id, title, modality, starts_at, ends_at, capacity) VALUES ($1, $2, 'Konten untuk musim festival', 'in_person', '2024-08-08T01:00:00Z', '2024-08-08T04:00:00Z', 30) RETURNING id`,
      [programmeId, labuanSiteId],
    );
    const sessionId = (session as { id: string }).id;
    const link = `/api/programs/${programmeId}/sessions/${sessionId}/event`;
    expect((await admin.put(link, { eventId: other.json().id })).json().error.fields).toEqual({ eventId: 'Acara tidak dikenal dalam program ini' });
    expect((await admin.put(link, { eventId: festival.json().id })).json()).toEqual({ sessionId, eventId: festival.json().id });
    expect((await viewer.get(`/api/sessions/${sessionId}`)).json().event).toEqual({ id: festival.json().id, title: 'Festival Golo Koe', kind: 'festival', season: 'high', startsOn: '2024-08-10', endsOn: '2024-08-15' });

    const calendar = (await viewer.get(`/api/programs/${programmeId}/calendar?from=2024-08-01&to=2024-08-31`)).json();
    expect(calendar.events.map((e: { title: string }) => e.title)).toEqual(['Festival Golo Koe']);
    expect(calendar.sessions).toEqual([expect.objectContaining({ id: sessionId, title: 'Konten untuk musim festival', siteName: 'Labuan Bajo', eventId: festival.json().id })]);
    const year = (await viewer.get(`/api/programs/${programmeId}/events?from=2024-01-01&to=2024-12-31`)).json().items;
    expect(year.map((e: { title: string; season: string }) => [e.title, e.season])).toEqual([
      ['Musim sepi', 'low'],
      ['Festival Golo Koe', 'high'],
    ]);

    expect((await admin.inject({ method: 'DELETE', url: `/api/programs/${programmeId}/events/${festival.json().id}` })).statusCode).toBe(204);
    const after = (await admin.get(`/api/programs/${programmeId}/calendar?from=2024-08-01&to=2024-08-31`)).json();
    expect(after.events).toEqual([]);
    expect(after.sessions[0].eventId).toBeNull();
    expect((await admin.get(`/api/sessions/${sessionId}`)).json().event).toBeNull();
  });
  it('narrows the calendar to one destination: a site with its regency’s events, or a regency', async () => {
    const event = async (body: Record<string, unknown>) => {
      const res = await admin.post(`/api/programs/${programmeId}/events`, { kind: 'festival', season: 'high', startsOn: '2024-08-20', endsOn: '2024-08-21', ...body });
      expect(res.statusCode, res.body).toBe(201);
    };
    await event({ title: 'Sail Komodo', siteId: labuanSiteId });
    await event({ title: 'Hari Komodo', regionCode: '53.15' });
    await event({ title: 'Pekan Jakarta', regionCode: '31.74' });
    await t.ctx.database.query(
      `INSERT INTO training_session (programme_id, site_id, title, modality, starts_at, ends_at, capacity) VALUES ($1, $2, 'Sesi Jakarta', 'in_person', '2024-08-09T02:00:00Z', '2024-08-09T05:00:00Z', 30)`,
      [programmeId, jakselSiteId],
    );
    const calendar = async (query: string) => (await viewer.get(`/api/programs/${programmeId}/calendar?from=2024-08-01&to=2024-08-31${query}`)).json();
    const titles = (c: { events: { title: string }[]; sessions: { title: string }[] }) => [c.events.map((e) => e.title), c.sessions.map((s) => s.title)];
    expect(titles(await calendar(''))).toEqual([
      ['Hari Komodo', 'Pekan Jakarta', 'Sail Komodo'],
      ['Konten untuk musim festival', 'Sesi Jakarta'],
    ]);
    expect(titles(await calendar(`&siteId=${labuanSiteId}`))).toEqual([['Hari Komodo', 'Sail Komodo'], ['Konten untuk musim festival']]);
    expect(titles(await calendar('&regionCode=31.74'))).toEqual([['Pekan Jakarta'], ['Sesi Jakarta']]);
    expect(titles(await calendar(`&siteId=${jakselSiteId}`))).toEqual([['Pekan Jakarta'], ['Sesi Jakarta']]);
    const events = (await viewer.get(`/api/programs/${programmeId}/events?regionCode=53.15&from=2024-08-01`)).json().items;
    expect(events.map((e: { title: string }) => e.title)).toEqual(['Hari Komodo', 'Sail Komodo']);
    // An unknown destination is named on its field, never an empty calendar.
    expect((await calendar('&regionCode=99.99')).error.fields).toEqual({ regionCode: 'Kode wilayah tidak dikenal' });
    const stranger = (await viewer.get(`/api/programs/${programmeId}/events?siteId=${crypto.randomUUID()}`, { 'accept-language': 'en' })).json();
    expect(stranger.error.fields).toEqual({ siteId: 'Unknown site in this programme' });
  });
});

describe('demo data', () => {
  it('gives Jalin Nusantara the 423,847 visits to Labuan Bajo in 2023 and its low-season launch', async () => {
    await loadDemo(t.ctx.db);
    const { items } = (await admin.get('/api/programs?q=JALIN-NUSANTARA-2024')).json();
    const jalin = items.find((p: { code: string }) => p.code === 'JALIN-NUSANTARA-2024');
    const values = (await viewer.get(`/api/programs/${jalin.id}/context/values`)).json().items;
    expect(values.map((v: Record<string, unknown>) => [v.siteName, v.period, v.value, v.sourceDate])).toEqual([['Labuan Bajo', '2023', 423847, '2024-01-23']]);
    const events = (await viewer.get(`/api/programs/${jalin.id}/events`)).json().items;
    expect(events.map((e: Record<string, unknown>) => [e.kind, e.season, e.startsOn])).toEqual([['programme_launch', 'low', '2024-01-23']]);
  });
});

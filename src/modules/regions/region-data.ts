import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { parse } from 'csv-parse/sync';

/** Kemendagri codes: province `31`, regency `31.74`, district `31.74.01`, village `31.74.01.1001`. */
export type Province = { code: string; name: string };
export type Regency = { code: string; provinceCode: string; name: string };
export type District = { code: string; regencyCode: string; name: string };
export type Village = { code: string; districtCode: string; name: string };

export type RegionData = {
  provinces: Province[];
  regencies: Regency[];
  districts: District[];
  villages: Village[];
};

export type ProvincesAndRegencies = Pick<RegionData, 'provinces' | 'regencies'>;

let provincesAndRegencies: ProvincesAndRegencies | undefined;
let regionData: RegionData | undefined;

/** The CSV files shipped by `idn-area-data`; its JavaScript entry point is not used. */
const dataDir = (): string =>
  join(dirname(createRequire(import.meta.url).resolve('idn-area-data/package.json')), 'data');

const readCsv = (file: string): Record<string, string>[] =>
  parse(readFileSync(join(dataDir(), file), 'utf8'), {
    columns: true,
    bom: true,
    skip_empty_lines: true,
    trim: true,
    // Some village names carry a bare glottal-stop quote mid-field (`Soka"an`).
    relax_quotes: true,
  });

/** Provinces and regencies only: what the roster import needs, without the 90,000 districts and villages. */
export const loadProvincesAndRegencies = (): ProvincesAndRegencies => {
  provincesAndRegencies ??= {
    provinces: readCsv('provinces.csv').map((r) => ({ code: field(r, 'code'), name: field(r, 'name') })),
    regencies: readCsv('regencies.csv').map((r) => ({
      code: field(r, 'code'),
      provinceCode: field(r, 'province_code'),
      name: field(r, 'name'),
    })),
  };
  return provincesAndRegencies;
};

export const loadRegionData = (): RegionData => {
  if (regionData === undefined) {
    const { provinces, regencies } = loadProvincesAndRegencies();
    regionData = {
      provinces,
      regencies,
      districts: readCsv('districts.csv').map((r) => ({
        code: field(r, 'code'),
        regencyCode: field(r, 'regency_code'),
        name: field(r, 'name'),
      })),
      villages: readCsv('villages.csv').map((r) => ({
        code: field(r, 'code'),
        districtCode: field(r, 'district_code'),
        name: field(r, 'name'),
      })),
    };
  }
  return regionData;
};

const field = (row: Record<string, string>, column: string): string => {
  const value = row[column];
  if (value === undefined || value === '') {
    throw new Error(`idn-area-data: column "${column}" is missing or empty in ${JSON.stringify(row)}`);
  }
  return value;
};

import type { EChartOption } from './EChart.tsx';

/**
 * A tile map of Indonesia: each of the 38 provinces (Kemendagri code) is one square placed roughly
 * where it lies, west to east and north to south, so that reach reads as a map without shipping
 * province boundaries. Columns 0–15, rows 0–5.
 */
export const PROVINCE_TILES: Record<string, { x: number; y: number; short: string }> = {
  '11': { x: 0, y: 0, short: 'Aceh' },
  '12': { x: 1, y: 0, short: 'Sumut' },
  '21': { x: 3, y: 0, short: 'Kepri' },
  '65': { x: 7, y: 0, short: 'Kaltara' },
  '71': { x: 10, y: 0, short: 'Sulut' },
  '82': { x: 12, y: 0, short: 'Malut' },
  '13': { x: 1, y: 1, short: 'Sumbar' },
  '14': { x: 2, y: 1, short: 'Riau' },
  '61': { x: 5, y: 1, short: 'Kalbar' },
  '64': { x: 7, y: 1, short: 'Kaltim' },
  '72': { x: 8, y: 1, short: 'Sulteng' },
  '75': { x: 9, y: 1, short: 'Gorontalo' },
  '96': { x: 12, y: 1, short: 'PBD' },
  '92': { x: 13, y: 1, short: 'Pabar' },
  '91': { x: 15, y: 1, short: 'Papua' },
  '17': { x: 1, y: 2, short: 'Bengkulu' },
  '15': { x: 2, y: 2, short: 'Jambi' },
  '19': { x: 3, y: 2, short: 'Babel' },
  '62': { x: 5, y: 2, short: 'Kalteng' },
  '63': { x: 6, y: 2, short: 'Kalsel' },
  '76': { x: 8, y: 2, short: 'Sulbar' },
  '81': { x: 11, y: 2, short: 'Maluku' },
  '94': { x: 14, y: 2, short: 'Papteng' },
  '95': { x: 15, y: 2, short: 'Papeg' },
  '16': { x: 2, y: 3, short: 'Sumsel' },
  '18': { x: 3, y: 3, short: 'Lampung' },
  '73': { x: 8, y: 3, short: 'Sulsel' },
  '74': { x: 9, y: 3, short: 'Sultra' },
  '93': { x: 15, y: 3, short: 'Papsel' },
  '36': { x: 3, y: 4, short: 'Banten' },
  '31': { x: 4, y: 4, short: 'DKI' },
  '32': { x: 5, y: 4, short: 'Jabar' },
  '33': { x: 6, y: 4, short: 'Jateng' },
  '35': { x: 7, y: 4, short: 'Jatim' },
  '51': { x: 8, y: 4, short: 'Bali' },
  '52': { x: 9, y: 4, short: 'NTB' },
  '53': { x: 10, y: 4, short: 'NTT' },
  '34': { x: 6, y: 5, short: 'DIY' },
};

export type MapRow = { code: string; name: string | null; value: number | null; suppressed: boolean };

const EMPTY = '#e9ecef';
const HIDDEN = '#ced4da';
/** Light to dark blue: a province's share of the largest value picks the shade (square root, so small reach still shows). */
const SHADES = ['#d0ebff', '#a5d8ff', '#74c0fc', '#4dabf7', '#339af0', '#228be6', '#1c7ed6', '#1971c2', '#1864ab'];

export function shadeOf(value: number, max: number): string {
  if (max <= 0 || value <= 0) return EMPTY;
  const step = Math.min(SHADES.length - 1, Math.floor(Math.sqrt(value / max) * SHADES.length));
  return SHADES[step] as string;
}

type Tile = { name: string; short: string; text: string; detail: string; fill: string; ink: string };
type RenderApi = { value(dimension: number): number; coord(point: number[]): number[]; size(extent: number[]): number[] };

/**
 * The tile map's chart: every province drawn as a square filling its cell (sized from the chart,
 * so it fits a phone and a wide screen alike), shaded by `value`; a province with no one is pale,
 * one hidden as a small cell is grey and labelled `labels.hidden`.
 */
export function provinceMapOption(rows: MapRow[], labels: { series: string; hidden: string; none: string }): EChartOption {
  const byCode = new Map(rows.map((r) => [r.code, r]));
  const max = Math.max(0, ...rows.map((r) => (r.suppressed ? 0 : (r.value ?? 0))));
  const entries = Object.entries(PROVINCE_TILES);
  const tiles: Tile[] = entries.map(([code, tile]) => {
    const row = byCode.get(code);
    const shown = row && !row.suppressed && row.value !== null ? row.value : null;
    const fill = row?.suppressed ? HIDDEN : shadeOf(shown ?? 0, max);
    const amount = row?.suppressed ? labels.hidden : shown === null ? null : shown.toLocaleString('id-ID');
    return { name: row?.name ?? tile.short, short: tile.short, text: amount ? `${tile.short}\n${amount}` : tile.short, detail: amount ?? labels.none, fill, ink: SHADES.indexOf(fill) >= 5 ? '#ffffff' : '#343a40' };
  });
  const axis = (count: number, inverse: boolean) => ({ type: 'value', min: -0.5, max: count - 0.5, inverse, show: false });
  return {
    tooltip: { trigger: 'item', formatter: (p: { dataIndex: number }) => `${tiles[p.dataIndex]?.name ?? ''}<br/>${labels.series}: ${tiles[p.dataIndex]?.detail ?? ''}` },
    grid: { left: 2, right: 2, top: 2, bottom: 2 },
    xAxis: axis(16, false),
    yAxis: axis(6, true),
    series: [
      {
        type: 'custom',
        data: entries.map(([, tile]) => [tile.x, tile.y]),
        renderItem: (params: { dataIndex: number }, api: RenderApi) => {
          const tile = tiles[params.dataIndex] as Tile;
          const [cx = 0, cy = 0] = api.coord([api.value(0), api.value(1)]);
          // Square tiles as large as the narrower side of a cell allows; words only where they fit.
          const [w = 0, h = 0] = api.size([1, 1]);
          const side = Math.min(w, h) - 2;
          return {
            type: 'rect',
            shape: { x: cx - side / 2, y: cy - side / 2, width: side, height: side, r: 3 },
            style: { fill: tile.fill },
            textContent: { style: { text: side >= 42 ? tile.text : '', fill: tile.ink, fontSize: 10, lineHeight: 12, align: 'center' } },
            textConfig: { position: 'inside' },
          };
        },
      },
    ],
  };
}

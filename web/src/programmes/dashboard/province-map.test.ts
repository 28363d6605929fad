import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PROVINCE_TILES, provinceMapOption, shadeOf } from './province-map.ts';

const provinces = readFileSync('node_modules/idn-area-data/data/provinces.csv', 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((line) => line.split(',')[0]);

describe('the province tile map', () => {
  it('has one tile for each of the 38 provinces, no two in the same place', () => {
    expect(Object.keys(PROVINCE_TILES).sort()).toEqual([...provinces].sort());
    const places = Object.values(PROVINCE_TILES).map((t) => `${t.x},${t.y}`);
    expect(new Set(places).size).toBe(38);
    expect(Object.values(PROVINCE_TILES).every((t) => t.x >= 0 && t.x < 16 && t.y >= 0 && t.y < 6)).toBe(true);
  });

  it('shades by value, greys a hidden small cell and says so in the tooltip, and leaves provinces without anyone pale', () => {
    expect(shadeOf(0, 100)).toBe(shadeOf(5, 0));
    expect(shadeOf(100, 100)).not.toBe(shadeOf(1, 100));
    const option = provinceMapOption(
      [
        { code: '31', name: 'DKI JAKARTA', value: 120, suppressed: false },
        { code: '53', name: 'NUSA TENGGARA TIMUR', value: null, suppressed: true },
      ],
      { series: 'Terdaftar', hidden: '<5', none: 'belum ada' },
    ) as { tooltip: { formatter(p: { dataIndex: number }): string }; series: { data: number[][] }[] };
    const index = (code: string) => option.series[0]?.data.findIndex(([x, y]) => x === PROVINCE_TILES[code]?.x && y === PROVINCE_TILES[code]?.y) ?? -1;
    expect(option.tooltip.formatter({ dataIndex: index('31') })).toBe('DKI JAKARTA<br/>Terdaftar: 120');
    expect(option.tooltip.formatter({ dataIndex: index('53') })).toBe('NUSA TENGGARA TIMUR<br/>Terdaftar: <5');
    expect(option.tooltip.formatter({ dataIndex: index('11') })).toBe('Aceh<br/>Terdaftar: belum ada');
  });
});

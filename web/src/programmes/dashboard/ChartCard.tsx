import { Button, Group, Paper, Text, Title } from '@mantine/core';
import Papa from 'papaparse';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { saveBlob, saveUrl } from '../../format/save-file.ts';
import { EChart, type EChartHandle, type EChartOption } from './EChart.tsx';

/** A chart's data as a table, for "Unduh CSV". Hidden small cells are written as `<5`. */
export type ChartTable = { header: string[]; rows: (string | number | null)[][] };

/** CSV with a byte-order mark, so that Excel reads the UTF-8 (names with accents) correctly. */
export function downloadCsv(table: ChartTable, filename: string): void {
  const csv = Papa.unparse({ fields: table.header, data: table.rows.map((r) => r.map((v) => v ?? '')) });
  saveBlob(new Blob(['\ufeff', csv], { type: 'text/csv;charset=utf-8' }), filename);
}

/** One dashboard chart with its title and its two downloads: the picture (PNG) and the data (CSV). */
export function ChartCard({ id, title, option, table, fileBase, height }: { id: string; title: string; option: EChartOption; table: ChartTable; fileBase: string; height?: number }) {
  const { t } = useTranslation();
  const chart = useRef<EChartHandle>(null);
  const png = () => {
    const url = chart.current?.pngDataUrl();
    if (url) saveUrl(url, `${fileBase}-${id}.png`);
  };
  return (
    <Paper withBorder radius="md" p={{ base: 'sm', sm: 'md' }} component="section" aria-labelledby={`chart-${id}`} data-testid={`chart-${id}`}>
      <Group justify="space-between" align="flex-start" gap="xs" mb="xs">
        <Title order={3} size="h5" id={`chart-${id}`}>
          {title}
        </Title>
        <Group gap={6}>
          <Button size="compact-xs" variant="light" onClick={png}>
            {t('dashboard.downloadPng')}
          </Button>
          <Button size="compact-xs" variant="light" onClick={() => downloadCsv(table, `${fileBase}-${id}.csv`)}>
            {t('dashboard.downloadCsv')}
          </Button>
        </Group>
      </Group>
      {table.rows.length === 0 ? (
        <Text size="sm" c="dimmed" py="xl" ta="center">
          {t('dashboard.noData')}
        </Text>
      ) : (
        <EChart ref={chart} option={option} label={title} height={height} testId={`echart-${id}`} />
      )}
    </Paper>
  );
}

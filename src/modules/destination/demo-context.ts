import { and, eq, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { contextSeries, contextValue, destinationEvent, site } from '../../db/schema/index.ts';

/**
 * Destination context of the Jalin Nusantara demo, from the launch article (Bisnis.com,
 * 23 January 2024): 423,847 visits to Labuan Bajo in 2023, and the launch itself in low season.
 */
export async function loadDemoContext(db: DbOrTx, code: string, programmeId: string): Promise<void> {
  if (code !== 'JALIN-NUSANTARA-2024') return;
  const [labuan] = await db.select({ id: site.id }).from(site).where(and(eq(site.programmeId, programmeId), eq(site.name, 'Labuan Bajo')));
  const [visits] = await db.select({ id: contextSeries.id }).from(contextSeries).where(and(isNull(contextSeries.programmeId), eq(contextSeries.code, 'tourist_visits_total')));
  if (!labuan || !visits) return;
  const source = 'Bisnis.com, 23 Januari 2024 (Menparekraf)';
  await db.insert(contextValue).values({
    programmeId,
    seriesId: visits.id,
    regionCode: '53.15',
    siteId: labuan.id,
    period: '2023',
    periodStart: '2023-01-01',
    periodEnd: '2023-12-31',
    value: 423_847,
    source,
    sourceDate: '2024-01-23',
    origin: 'manual',
  });
  await db.insert(destinationEvent).values({
    programmeId,
    regionCode: '53.15',
    siteId: labuan.id,
    title: 'Peluncuran TikTok Jalin Nusantara (Puncak Waringin)',
    kind: 'programme_launch',
    season: 'low',
    startsOn: '2024-01-23',
    endsOn: '2024-01-23',
    notes: `Diluncurkan pada musim sepi Labuan Bajo untuk mendatangkan kunjungan. Sumber: ${source}`,
  });
}

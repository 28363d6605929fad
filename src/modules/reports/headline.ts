import type { TargetComparison } from '../monitoring/service.ts';

/**
 * The target a headline figure is compared with: one for the whole programme (not narrowed to a
 * site, region, sector or gender) — the one whose period holds `asOf`, else one without a period,
 * else the one ending last.
 */
export function headlineTarget(targets: TargetComparison[], asOf: string): TargetComparison | undefined {
  const whole = targets.filter((t) => !t.narrowedBy.siteId && !t.narrowedBy.regionCode && !t.narrowedBy.sector && !t.narrowedBy.gender);
  return (
    whole.find((t) => t.periodStart !== null && t.periodEnd !== null && t.periodStart <= asOf && asOf <= t.periodEnd) ??
    whole.find((t) => t.periodStart === null && t.periodEnd === null) ??
    [...whole].sort((a, b) => String(b.periodEnd ?? '').localeCompare(String(a.periodEnd ?? '')))[0]
  );
}

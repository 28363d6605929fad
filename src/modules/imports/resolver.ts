import { createRegionResolver, type RegionResolver } from '../../core/region-resolver.ts';
import { loadProvincesAndRegencies } from '../regions/region-data.ts';

let resolver: RegionResolver | undefined;

/** One region resolver per process: built once from idn-area-data (38 provinces, 514 regencies). */
export function rosterResolver(): RegionResolver {
  resolver ??= createRegionResolver(loadProvincesAndRegencies());
  return resolver;
}

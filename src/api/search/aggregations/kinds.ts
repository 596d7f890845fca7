import type { AggregationCost } from '../../kernel/limits.js';
import type { AggregationKind } from './kind.js';
import { dateHistogram } from './kinds/date-histogram.js';
import { histogram } from './kinds/histogram.js';
import { stats } from './kinds/stats.js';
import { terms } from './kinds/terms.js';

/** Every aggregation the API offers, in the order they appear under `<Type>Aggregations`. */
export const AGGREGATION_KINDS: readonly AggregationKind[] = [terms, stats, histogram, dateHistogram];

export const aggregationKind = (name: string) => AGGREGATION_KINDS.find((k) => k.name === name);

/** What each aggregation field may cost, for the operation's estimate. */
export const AGGREGATION_COSTS: ReadonlyMap<string, AggregationCost> = new Map(AGGREGATION_KINDS.map((k) => [k.name, k.cost]));

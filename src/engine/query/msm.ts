/** minimum_should_match specs: integers, negative integers, percentages (as OpenSearch's Queries helper). */
import { parsingError } from '../errors.js';

export function minimumShouldMatch(optional: number, spec: unknown): number {
  if (spec === undefined || spec === null) return 0;
  const s = String(spec).trim();
  let result: number;
  if (/^-?\d+%$/.test(s)) {
    const pct = Number(s.slice(0, -1));
    const calc = Math.trunc((optional * pct) / 100);
    result = pct < 0 ? optional + calc : calc;
  } else if (/^-?\d+$/.test(s)) {
    const n = Number(s);
    result = n < 0 ? optional + n : n;
  } else {
    throw parsingError(`minimum_should_match [${s}] is not supported by the embedded engine (use an integer or a percentage)`);
  }
  return result < 0 ? 0 : result;
}

/** minimum_should_match specs: integers, negative integers, percentages (as OpenSearch's Queries helper). */
import { EngineError, parsingError } from '../errors.js';

/**
 * Integer.parseInt as Queries.calculateMinShouldMatch calls it on the shard: anything else (`x`, `1.5`, a
 * value beyond an int, `5 ` before a `%`) is its NumberFormatException, "failed to create query: For input
 * string" (hunt2 H2-18). Non-ASCII digits, which Java also reads, are refused.
 */
function javaInt(s: string): number {
  if (/^[+-]?\d+$/.test(s)) {
    const n = Number(s);
    if (n >= -(2 ** 31) && n <= 2 ** 31 - 1) return n === 0 ? 0 : n;
  } else if (/^[+-]?\p{Nd}+$/u.test(s)) {
    throw parsingError(`minimum_should_match [${s}] with non-ASCII digits is not supported by the embedded engine`);
  }
  throw new EngineError(400, 'query_shard_exception', `failed to create query: For input string: "${s}"`);
}

export function minimumShouldMatch(optional: number, spec: unknown): number {
  if (spec === undefined || spec === null) return 0;
  const s = String(spec).trim();
  if (s.includes('<')) {
    // Conditional specs "N<spec [M<spec...]": below or at N optional clauses all are required.
    let result = optional;
    for (const part of s.replace(/\s*<\s*/g, '<').split(/\s+/)) {
      const [bound, rest] = part.split('<');
      if (!/^\d+$/.test(bound ?? '') || rest === undefined || rest.includes('<')) {
        throw parsingError(`minimum_should_match [${s}] is not supported by the embedded engine (use an integer or a percentage)`);
      }
      if (optional <= Number(bound)) return result;
      result = minimumShouldMatch(optional, rest);
    }
    return result;
  }
  let result: number;
  if (s.endsWith('%')) {
    const pct = javaInt(s.slice(0, -1));
    // Lucene computes this in float: (count * percent) * (1 / 100f).
    const calc = Math.trunc(Math.fround(Math.fround(optional * pct) * Math.fround(1 / 100)));
    result = pct < 0 ? optional + calc : calc;
  } else {
    const n = javaInt(s);
    result = n < 0 ? optional + n : n;
  }
  return result < 0 ? 0 : result;
}

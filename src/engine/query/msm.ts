/** minimum_should_match specs: integers, negative integers, percentages (as OpenSearch's Queries helper). */
import { parsingError } from '../errors.js';

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
  if (/^-?\d+%$/.test(s)) {
    const pct = Number(s.slice(0, -1));
    // Lucene computes this in float: (count * percent) * (1 / 100f).
    const calc = Math.trunc(Math.fround(Math.fround(optional * pct) * Math.fround(1 / 100)));
    result = pct < 0 ? optional + calc : calc;
  } else if (/^-?\d+$/.test(s)) {
    const n = Number(s);
    result = n < 0 ? optional + n : n;
  } else {
    throw parsingError(`minimum_should_match [${s}] is not supported by the embedded engine (use an integer or a percentage)`);
  }
  return result < 0 ? 0 : result;
}

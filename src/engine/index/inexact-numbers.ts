/**
 * Integers written in JSON with more digits than a double holds. OpenSearch reads a long field's
 * `1152921504606847000` or `9007199254740993` digit for digit; JSON.parse rounds both to the nearest double
 * (2^60, 2^53), which other texts give exactly. Request bodies are parsed with the source text at hand (only
 * when a run of 16+ digits appears), and every double that some text rounded to is remembered here, so a
 * long field or a long query value holding it is refused (documented) instead of being compared as a
 * neighbouring value. Bounded: past the cap every integer beyond 2^53 counts as inexact (refusals only).
 */
const CAP = 100_000;
const seen = new Set<number>();
let overflow = false;

/** JSON.parse with the inexact integers of `text` remembered. */
export function parseJson(text: string): unknown {
  if (!/\d{16}/.test(text)) return JSON.parse(text);
  return JSON.parse(text, function reviver(this: unknown, _key: string, value: unknown, context?: { source?: string }) {
    if (typeof value === 'number' && Math.abs(value) >= 2 ** 53 && context?.source !== undefined && /^-?\d+$/.test(context.source)) {
      if (BigInt(context.source) !== BigInt(value)) {
        if (seen.size >= CAP) overflow = true;
        else seen.add(value);
      }
    }
    return value;
  } as (this: unknown, key: string, value: unknown) => unknown);
}

/** Whether an integer value of a long field may stand for digits other than its own (see above). */
export function inexactInteger(v: number): boolean {
  return Number.isFinite(v) && Math.abs(v) >= 2 ** 53 && (overflow || seen.has(v));
}

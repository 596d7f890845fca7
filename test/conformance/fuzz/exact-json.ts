/**
 * JSON for the fuzzer with integers beyond 2^53 kept exact on both sides: documents and requests may hold
 * bigints (Long.MAX_VALUE, 2^53 + 1), written as their digits; answers are read with every integer literal
 * whose digits JavaScript would not write back for its double turned into a bigint. So a sort value, a
 * terms key or a `_source` that lost a digit to a double (`9223372036854775806` read back as 2^63) differs
 * from the real node's, while a double written by either side in another form (`9.223372036854776E18` or
 * `9223372036854776000`) still compares as the same number, as before.
 */
import { Serializer } from '@opensearch-project/opensearch';

const J = JSON as unknown as { rawJSON(text: string): unknown };

type Reviver = (this: unknown, key: string, value: unknown, context?: { source?: string }) => unknown;

const reviver: Reviver = (_key, value, context) => {
  if (typeof value === 'number' && Math.abs(value) >= 2 ** 53 && context?.source !== undefined
    && /^-?\d+$/.test(context.source) && String(value) !== context.source) return BigInt(context.source);
  return value;
};

export function exactParse(text: string): unknown {
  return JSON.parse(text, reviver as (this: unknown, key: string, value: unknown) => unknown);
}

const replacer = (_key: string, v: unknown): unknown => (typeof v === 'bigint' ? J.rawJSON(v.toString()) : v);

export function exactStringify(v: unknown, space?: number): string {
  return JSON.stringify(v, replacer, space);
}

/** The client's serializer with bigints written as digits and long integers read back exactly. */
export class ExactSerializer extends Serializer {
  override serialize(object: Record<string, unknown> | string): string {
    return typeof object === 'string' ? object : exactStringify(object);
  }

  override deserialize<T = unknown>(json: string): T {
    return exactParse(json) as T;
  }
}

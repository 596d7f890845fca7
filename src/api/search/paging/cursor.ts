import { badInput } from '../../../errors.js';

/**
 * Cursors wrap OpenSearch `search_after` values. They carry only sort values of fields the caller may sort on
 * (visible and unmasked), so they reveal nothing the hits do not. A forged cursor can only move the window.
 */
type SortValue = string | number | boolean | null;

export function encodeCursor(sortValues: readonly unknown[]): string {
  return Buffer.from(JSON.stringify(sortValues), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string, expectedLength: number): SortValue[] {
  let values: unknown;
  try {
    values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw badInput('after is not a cursor returned by this API');
  }
  const ok =
    Array.isArray(values) &&
    values.length === expectedLength &&
    values.every((v) => v === null || ['string', 'number', 'boolean'].includes(typeof v));
  if (!ok) throw badInput('after is not a cursor for this orderBy');
  return values as SortValue[];
}

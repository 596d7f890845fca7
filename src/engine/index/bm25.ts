/** BM25 as Lucene computes it (k1 = 1.2, b = 0.75, float32 arithmetic at the same points). */
import { LENGTH_TABLE } from './norms.js';

const f = Math.fround;
const K1 = 1.2;
const B = 0.75;

export function idf(docFreq: number, docCount: number): number {
  return f(Math.log(1 + (docCount - docFreq + 0.5) / (docFreq + 0.5)));
}

/** Per-query cache of 1 / (k1 * ((1 - b) + b * dl / avgdl)) for every encoded norm. */
export function normCache(avgdl: number): Float32Array {
  const avg = f(avgdl);
  const cache = new Float32Array(256);
  for (let i = 0; i < 256; i++) cache[i] = 1 / (K1 * ((1 - B) + (B * LENGTH_TABLE[i]!) / avg));
  return cache;
}

export function score(weight: number, freq: number, normInverse: number): number {
  return f(weight - weight / (1 + freq * normInverse));
}

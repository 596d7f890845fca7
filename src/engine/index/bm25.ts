/**
 * BM25 as Lucene computes it (k1 = 1.2, b = 0.75), rounding to float32 after every operation exactly where
 * Lucene's float arithmetic does, so scores, and therefore hit order among near ties, match OpenSearch's.
 */
import { LENGTH_TABLE } from './norms.js';

const f = Math.fround;
const K1 = f(1.2);
const B = f(0.75);

export function idf(docFreq: number, docCount: number): number {
  return f(Math.log(1 + (docCount - docFreq + 0.5) / (docFreq + 0.5)));
}

/** Per-query cache of 1 / (k1 * ((1 - b) + b * dl / avgdl)) for every encoded norm. */
export function normCache(avgdl: number): Float32Array {
  const avg = f(avgdl);
  const cache = new Float32Array(256);
  const oneMinusB = f(1 - B);
  for (let i = 0; i < 256; i++) {
    const ratio = f(f(B * LENGTH_TABLE[i]!) / avg);
    cache[i] = f(1 / f(K1 * f(oneMinusB + ratio)));
  }
  return cache;
}

export function score(weight: number, freq: number, normInverse: number): number {
  return f(weight - f(weight / f(1 + f(freq * normInverse))));
}

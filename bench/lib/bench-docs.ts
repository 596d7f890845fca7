/**
 * The benchmark corpus: small, deterministic documents (a seeded PRNG, so every run and both backends see
 * the same data), generated batch by batch so a 1M-document run never holds the corpus in memory.
 */
import { prng } from '../../src/sample/prng.js';

export { prng };

/** Distinct from other benchmarks' indices: the real node may be shared (override with BENCH_INDEX). */
export const BENCH_INDEX = process.env.BENCH_INDEX ?? 'bench-engine-scale';

export const BENCH_MAPPINGS = {
  properties: {
    title: { type: 'text' },
    owner: { type: 'keyword' },
    category: { type: 'keyword' },
    tags: { type: 'keyword' },
    price: { type: 'double' },
    qty: { type: 'integer' },
    created: { type: 'date' },
    active: { type: 'boolean' },
  },
} as const;

export const OWNERS = Array.from({ length: 100 }, (_, i) => `user${String(i).padStart(3, '0')}`);
export const CATEGORIES = Array.from({ length: 20 }, (_, i) => `cat-${i}`);
const TAGS = ['red', 'green', 'blue', 'new', 'sale', 'eco', 'premium', 'basic', 'gift', 'bulk'];
/** A Zipf-ish vocabulary: a few common words and a long tail, like real titles. */
export const WORDS = Array.from({ length: 2000 }, (_, i) => wordFor(i));
export const DATE_START = Date.UTC(2020, 0, 1);
export const DATE_SPAN_MS = 5 * 365 * 24 * 3600 * 1000;

function wordFor(i: number): string {
  const syllables = ['ka', 'lo', 'mi', 'ra', 'te', 'su', 'no', 'vi', 'pe', 'do', 'ze', 'bu'];
  let n = i + 12;
  let w = '';
  while (n > 0) {
    w += syllables[n % syllables.length];
    n = Math.floor(n / syllables.length);
  }
  return w;
}


const pick = <T>(xs: readonly T[], r: number): T => xs[Math.floor(r * xs.length)]!;
/** Skewed towards the front: common words are common. */
const zipfWord = (r: number) => WORDS[Math.floor(WORDS.length * r * r * r)]!;

export interface BenchDoc {
  title: string;
  owner: string;
  category: string;
  tags: string[];
  price: number;
  qty: number;
  created: string;
  active: boolean;
}

export function makeDoc(i: number): BenchDoc {
  const r = prng(i * 2654435761);
  const words = 4 + Math.floor(r() * 5);
  const title = Array.from({ length: words }, () => zipfWord(r())).join(' ');
  return {
    title,
    owner: pick(OWNERS, r()),
    category: pick(CATEGORIES, r()),
    tags: [pick(TAGS, r()), pick(TAGS, r())],
    price: Math.round(r() * 100_000) / 100,
    qty: Math.floor(r() * 1000),
    created: new Date(DATE_START + Math.floor(r() * DATE_SPAN_MS)).toISOString(),
    active: r() < 0.7,
  };
}

/** The `_bulk` body (action + source lines) for documents [from, to). */
export function bulkBody(from: number, to: number): unknown[] {
  const body: unknown[] = [];
  for (let i = from; i < to; i++) {
    body.push({ index: { _index: BENCH_INDEX, _id: String(i) } }, makeDoc(i));
  }
  return body;
}

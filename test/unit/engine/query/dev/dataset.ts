/** A deterministic, varied document set shared by the dev comparison script and unit tests. */
const WORDS = ['quick', 'brown', 'fox', 'jumps', 'over', 'lazy', 'dog', 'search', 'engine', 'open', 'gateway', 'graph',
  'index', 'query', 'fast', 'slow', 'red', 'green', 'blue', 'apple', 'banana', 'cherry', 'delta', 'echo', 'Über', 'café',
  'naïve', 'data', 'node', 'shard'];
const CATS = ['books', 'music', 'films', 'games', 'Tools'];
const TAGS = ['a', 'b', 'c', 'd', 'e', 'x-y', 'Z'];

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

export const MAPPINGS = {
  properties: {
    title: { type: 'text', fields: { keyword: { type: 'keyword', ignore_above: 256 } } },
    body: { type: 'text' },
    category: { type: 'keyword' },
    tags: { type: 'keyword' },
    price: { type: 'float' },
    qty: { type: 'integer' },
    rating: { type: 'double' },
    in_stock: { type: 'boolean' },
    created: { type: 'date' },
    day: { type: 'date', format: 'yyyy-MM-dd' },
    author: { properties: { name: { type: 'text', fields: { keyword: { type: 'keyword' } } }, age: { type: 'long' } } },
  },
};

export function makeDocs(n: number, seed = 42): { id: string; source: Record<string, unknown> }[] {
  const r = rng(seed);
  const pick = <T>(a: readonly T[]): T => a[Math.floor(r() * a.length)]!;
  const words = (k: number): string => Array.from({ length: k }, () => pick(WORDS)).join(' ');
  const docs: { id: string; source: Record<string, unknown> }[] = [];
  for (let i = 0; i < n; i++) {
    const s: Record<string, unknown> = {
      title: i % 17 === 0 ? `${pick(WORDS)}-${pick(WORDS)} ${words(2)}` : words(1 + Math.floor(r() * 4)),
      body: words(3 + Math.floor(r() * 20)),
      category: pick(CATS),
      price: Math.round(r() * 10000) / 100,
      qty: Math.floor(r() * 50),
      in_stock: r() > 0.4,
      created: new Date(Date.UTC(2020, 0, 1) + Math.floor(r() * 1000) * 86_400_000 + Math.floor(r() * 86_400_000)).toISOString(),
      author: { name: `${pick(['Ann', 'Bob', 'Cy', 'Dee'])} ${pick(['Smith', 'Jones', 'Lee'])}`, age: 20 + Math.floor(r() * 50) },
    };
    if (r() > 0.3) s.tags = Array.from({ length: 1 + Math.floor(r() * 3) }, () => pick(TAGS));
    if (r() > 0.2) s.rating = Math.round(r() * 50) / 10;
    if (r() > 0.5) s.day = `2021-0${1 + Math.floor(r() * 9)}-1${Math.floor(r() * 9)}`;
    if (r() > 0.5) s.color = pick(['red', 'Green', 'blue sky', 'dark red']);
    if (r() > 0.7) s.views = Math.floor(r() * 1e6);
    if (i % 23 === 0) s.title = null;
    if (i % 29 === 0) s.extra = { nested: { deep: pick(WORDS) }, flag: r() > 0.5 };
    docs.push({ id: `d${i}`, source: s });
  }
  return docs;
}

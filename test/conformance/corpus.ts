/**
 * The conformance corpus: a deterministic (seeded) set of documents loaded identically into a real
 * OpenSearch node and into the embedded engine. It exercises what the engine must reproduce: unicode text
 * (accents, CJK, emoji, apostrophes, hyphens, digits inside words), keywords, integers, floats, longs,
 * dates in several input formats, booleans, objects, arrays, null and missing fields, and a few fields
 * left to dynamic mapping. A second, smaller index and two aliases cover multi-index searches.
 */
import { prng } from '../../src/sample/prng.js';

export { prng };

export const BOOKS = 'conf-books';
export const ARTICLES = 'conf-articles';
/** Alias over both indices. */
export const LIBRARY_ALIAS = 'conf-library';
/** Alias over the books index only. */
export const SHELF_ALIAS = 'conf-shelf';

export const BOOK_COUNT = 3000;
export const ARTICLE_COUNT = 200;

export interface CorpusDoc {
  readonly id: string;
  readonly source: Record<string, unknown>;
}

export interface CorpusIndex {
  readonly name: string;
  readonly body: { settings: Record<string, unknown>; mappings: Record<string, unknown> };
  readonly docs: readonly CorpusDoc[];
}

export interface Corpus {
  readonly indices: readonly CorpusIndex[];
  readonly aliases: readonly { index: string; alias: string }[];
}


class Picker {
  constructor(private readonly rnd: () => number) {}
  float(): number {
    return this.rnd();
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.rnd() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.rnd() < p;
  }
  one<T>(items: readonly T[]): T {
    return items[Math.floor(this.rnd() * items.length)]!;
  }
  /** Zipf-like: early items are much more frequent, so terms have varied document frequencies. */
  skewed<T>(items: readonly T[]): T {
    const r = this.rnd();
    return items[Math.floor(r * r * items.length)]!;
  }
  some<T>(items: readonly T[], min: number, max: number): T[] {
    const n = this.int(min, max);
    const out: T[] = [];
    for (let i = 0; i < n; i++) out.push(this.one(items));
    return out;
  }
}

// Common words first (skewed picks favour them); the tail carries the unicode and tokenizer edge cases.
const WORDS = [
  'the', 'quick', 'brown', 'fox', 'jumps', 'over', 'lazy', 'dog', 'search', 'engine', 'index', 'query', 'data',
  'river', 'mountain', 'city', 'night', 'garden', 'ocean', 'winter', 'summer', 'light', 'shadow', 'story', 'history',
  'science', 'fiction', 'travel', 'guide', 'recipe', 'music', 'art', 'world', 'journey', 'secret', 'silent', 'golden',
  'ancient', 'modern', 'digital', 'network', 'cloud', 'forest', 'desert', 'island', 'bridge', 'tower', 'castle', 'road',
  'café', 'naïve', 'résumé', 'Zürich', 'São', 'Paulo', 'Ærø', 'straße', 'Éric', 'crème', 'brûlée', 'piñata', 'façade',
  "don't", "O'Reilly", "l'été", "it's", 'e-mail', 'state-of-the-art', 'well-known', 'x-ray', 'mp3', 'x86_64', 'COVID-19',
  'h2o', '4th', '3D', 'b2b', 'v1.2.3', '2024', '42', '3.14', 'wi-fi', 'co-op',
  '東京', '日本語', '中文', '北京', 'ひらがな', 'カタカナ', '한국어', 'Привет', 'мир', 'Ελλάδα', 'שלום',
  '🚀', '😀', '🎉', 'naïveté', 'ÉCOLE', 'Ångström', 'Øresund', 'Łódź', 'İstanbul',
];

const TAGS = ['fiction', 'non-fiction', 'sci-fi', 'c++', 'history', 'über', '日本', 'kids', 'cooking', 'travel', 'art',
  'science', 'poetry', 'biography', 'self-help'];
const CATEGORIES = ['novel', 'essay', 'manual', 'poetry', 'comic', 'textbook', 'cookbook', 'atlas'];
const STATUSES = ['published', 'draft', 'archived'];
const OWNERS = ['alice', 'bob', 'carol', 'dave', 'erin', 'frank', 'grace', 'heidi'];
const DEPARTMENTS = ['sales', 'engineering', 'legal', 'marketing', 'support'];
const AUTHORS = ['Ann Lee', 'Bob Stone', 'Chloé Martin', 'Dmitri Ivanov', '田中 太郎', 'José Álvarez', "Liam O'Brien",
  'Mary-Jane Watson', 'Nora Berg', 'Zoë Kravitz', 'Ólafur Arnalds', 'Priya Patel'];
const COUNTRIES = ['FR', 'DE', 'US', 'JP', 'BR', 'IN', 'NO', 'ES', 'GB'];
const SECTIONS = ['news', 'opinion', 'review', 'feature'];

function sentence(p: Picker, min: number, max: number): string {
  const n = p.int(min, max);
  const words: string[] = [];
  for (let i = 0; i < n; i++) words.push(p.skewed(WORDS));
  const s = words.join(' ');
  return `${s.charAt(0).toUpperCase()}${s.slice(1)}.`;
}

function title(p: Picker): string {
  return p
    .some(WORDS, 2, 5)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join(' ');
}

const YEAR_MS = 365.25 * 86_400_000;
const BASE = Date.UTC(1995, 0, 1);

function pad(n: number, w = 2): string {
  return String(n).padStart(w, '0');
}

/** Dates between 1995 and 2025 in the input formats the default date mapping accepts. */
function dateValue(p: Picker): string | number {
  const ms = BASE + Math.floor(p.float() * 30 * YEAR_MS);
  const d = new Date(ms);
  const ymd = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  const hms = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  switch (p.int(0, 4)) {
    case 0: return ymd;
    case 1: return `${ymd}T${hms}Z`;
    case 2: return `${ymd}T${hms}.${pad(d.getUTCMilliseconds(), 3)}+02:00`;
    case 3: return ms;
    default: return `${ymd}T${hms}`;
  }
}

/** Dates for the `updated` field, whose mapping format is `yyyy-MM-dd HH:mm:ss||epoch_millis`. */
function customDate(p: Picker): string | number {
  const ms = Date.UTC(2015, 0, 1) + Math.floor(p.float() * 10 * YEAR_MS / 1000) * 1000;
  if (p.chance(0.2)) return ms;
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

const TEXT_WITH_KEYWORD = { type: 'text', fields: { keyword: { type: 'keyword', ignore_above: 256 } } };
const SETTINGS = { number_of_shards: 1, number_of_replicas: 0 };

const AUTHOR_MAPPING = {
  properties: { name: { type: 'keyword' }, country: { type: 'keyword' }, born: { type: 'integer' } },
};

const BOOK_MAPPINGS = {
  properties: {
    uid: { type: 'keyword' },
    title: TEXT_WITH_KEYWORD,
    body: { type: 'text' },
    tags: { type: 'keyword' },
    category: { type: 'keyword' },
    status: { type: 'keyword' },
    owner: { type: 'keyword' },
    department: { type: 'keyword' },
    level: { type: 'integer' },
    price: { type: 'float' },
    rating: { type: 'double' },
    pages: { type: 'integer' },
    views: { type: 'long' },
    scores: { type: 'integer' },
    published: { type: 'date' },
    updated: { type: 'date', format: 'yyyy-MM-dd HH:mm:ss||epoch_millis' },
    available: { type: 'boolean' },
    author: AUTHOR_MAPPING,
  },
};

const ARTICLE_MAPPINGS = {
  properties: {
    uid: { type: 'keyword' },
    title: TEXT_WITH_KEYWORD,
    body: { type: 'text' },
    category: { type: 'keyword' },
    owner: { type: 'keyword' },
    level: { type: 'integer' },
    price: { type: 'float' },
    published: { type: 'date' },
    section: { type: 'keyword' },
    author: AUTHOR_MAPPING,
  },
};

function maybe<T>(p: Picker, value: T, pMissing = 0.08): T | undefined {
  return p.chance(pMissing) ? undefined : value;
}

function compact(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}

function author(p: Picker): Record<string, unknown> {
  return compact({ name: p.skewed(AUTHORS), country: maybe(p, p.one(COUNTRIES), 0.1), born: maybe(p, p.int(1900, 2000), 0.2) });
}

function book(p: Picker, i: number): CorpusDoc {
  const uid = `b-${pad(i, 5)}`;
  const source = compact({
    uid,
    title: maybe(p, title(p), 0.03),
    body: maybe(p, `${sentence(p, 6, 14)} ${sentence(p, 4, 10)}`, 0.05),
    tags: maybe(p, p.some(TAGS, 0, 4), 0.1),
    category: maybe(p, p.skewed(CATEGORIES)),
    status: p.skewed(STATUSES),
    owner: p.one(OWNERS),
    department: maybe(p, p.one(DEPARTMENTS)),
    level: p.int(0, 5),
    // a few explicit nulls: OpenSearch treats them as missing
    price: p.chance(0.02) ? null : maybe(p, Math.round(p.float() * 10000) / 100),
    rating: maybe(p, Math.round(p.float() * 50) / 10, 0.15),
    pages: maybe(p, p.int(12, 1200)),
    views: maybe(p, p.int(0, 50_000) * p.int(1, 200_000)),
    scores: maybe(p, p.some([1, 2, 3, 5, 8, 13, 21], 0, 3), 0.2),
    published: maybe(p, dateValue(p), 0.06),
    updated: maybe(p, customDate(p), 0.3),
    available: maybe(p, p.chance(0.6)),
    author: maybe(p, author(p), 0.07),
    // left to dynamic mapping: text+keyword, long, float, boolean, and a string that dynamic date detection turns into a date
    extra_note: p.chance(0.3) ? p.skewed(['rare edition', 'signed copy', 'first print', 'Édition spéciale', '初版']) : undefined,
    extra_count: p.chance(0.3) ? p.int(0, 100) : undefined,
    extra_ratio: p.chance(0.3) ? p.int(1, 999) / 8 : undefined,
    extra_flag: p.chance(0.3) ? p.chance(0.5) : undefined,
    extra_day: p.chance(0.3) ? `20${pad(p.int(10, 24))}-${pad(p.int(1, 12))}-${pad(p.int(1, 28))}` : undefined,
  });
  return { id: uid, source };
}

function article(p: Picker, i: number): CorpusDoc {
  const uid = `a-${pad(i, 5)}`;
  return {
    id: uid,
    source: compact({
      uid,
      title: title(p),
      body: maybe(p, sentence(p, 5, 12), 0.05),
      category: maybe(p, p.skewed(CATEGORIES)),
      owner: p.one(OWNERS),
      level: p.int(0, 5),
      price: maybe(p, Math.round(p.float() * 5000) / 100, 0.2),
      published: maybe(p, dateValue(p), 0.05),
      section: p.one(SECTIONS),
      author: maybe(p, author(p), 0.1),
    }),
  };
}

export function buildCorpus(seed = 20240521): Corpus {
  const p = new Picker(prng(seed));
  const books: CorpusDoc[] = [];
  for (let i = 0; i < BOOK_COUNT; i++) books.push(book(p, i));
  const articles: CorpusDoc[] = [];
  for (let i = 0; i < ARTICLE_COUNT; i++) articles.push(article(p, i));
  return {
    indices: [
      { name: BOOKS, body: { settings: SETTINGS, mappings: BOOK_MAPPINGS }, docs: books },
      { name: ARTICLES, body: { settings: SETTINGS, mappings: ARTICLE_MAPPINGS }, docs: articles },
    ],
    aliases: [
      { index: BOOKS, alias: LIBRARY_ALIAS },
      { index: ARTICLES, alias: LIBRARY_ALIAS },
      { index: BOOKS, alias: SHELF_ALIAS },
    ],
  };
}

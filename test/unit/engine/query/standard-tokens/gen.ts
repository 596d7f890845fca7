/**
 * Regenerates standard-tokens.json: strings mixing scripts and word connectors, each with the tokens of
 * the real node's `standard` analyzer (`_analyze`). The table is checked in, so the unit test needs no node:
 *   OPENSEARCH_URL=http://127.0.0.1:9200 npx tsx test/unit/engine/query/standard-tokens/gen.ts
 * The strings are drawn from a fixed seed; adding pieces or raising COUNT changes the table (rerun it).
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const COUNT = 1500;

// Words and single characters of many word-break classes (UAX#29 as Lucene implements it).
const PIECES = [
  'river', 'İstanbul', 'ΣΟΦΙΑ', 'café', 'x', '7', '42', '3.14', '1,000', '한국어', '한', '가나다', 'ᄀ', 'ㄱ',
  'カタカナ', 'ｶﾀｶﾅ', 'ー', 'ひらがな', 'の', '漢字', '中', '𠀀', 'עברית', 'א', 'ש', 'ไทย', 'ພາສາ', 'ខ្មែរ',
  'မြန်မာ', 'العربية', '٣٤', '١٢', '१२३', 'हिन्दी', 'русский', 'Ωμέγα', 'ǅ', 'ß', 'ﬁ', '１２', 'ＡＢ', 'ǆ',
  '😀', '👍🏻', '👨‍👩‍👧', '🇫🇷', '#️⃣', '1⃣', '©', '™', 'ⓜ', 'Ⓜ', '★', '♔', '🀄', 'ꞯ', 'ࡠ', '🏻',
  '\u0301', '\u200d', '\u00ad', '\ufe0f', '\u200b', '\u2060', 'é', 'e\u0301',
];
const CONNECTORS = ['_', '.', "'", ':', ',', ';', '"', '-', '‘', '’', '·', '‧', '@', '/', '٫', '‿', '＿', '．', '：', '', '', '', ' '];

let seed = 2026;
function rnd(n: number): number {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return Math.floor((seed / 2147483648) * n);
}

function draw(): string {
  const parts = 1 + rnd(5);
  let s = rnd(6) === 0 ? CONNECTORS[rnd(CONNECTORS.length)]! : '';
  for (let i = 0; i < parts; i++) {
    s += PIECES[rnd(PIECES.length)]!;
    if (i + 1 < parts || rnd(5) === 0) s += CONNECTORS[rnd(CONNECTORS.length)]!;
  }
  return s;
}

const fixed = [
  'İstanbul 한국어_rivers_river', '한국어_rivers_river', 'rivers_한국어', '한국어.river', "한국어'river", '한국어:river',
  '한국어1', '1한국어', 'カタカナ_abc', 'abc_カタカナ', 'カタカナabc', '漢字_abc', 'ひらがな_abc', "א'", 'א"ב', 'א"', 'ไทย_abc',
  '1_2', '_1_', '__', '_a_', 'a' + '.b'.repeat(140), 'x'.repeat(300), '한'.repeat(300), '😀'.repeat(130),
];

async function analyze(url: string, text: string): Promise<string[]> {
  const res = await fetch(`${url}/_analyze`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ analyzer: 'standard', text }),
  });
  if (!res.ok) throw new Error(`_analyze ${res.status}: ${await res.text()}`);
  const body = (await res.json()) as { tokens: { token: string }[] };
  return body.tokens.map((t) => t.token);
}

async function main(): Promise<void> {
  const url = process.env.OPENSEARCH_URL;
  if (!url) throw new Error('set OPENSEARCH_URL to a real OpenSearch 3.6 node');
  const texts = [...new Set([...fixed, ...Array.from({ length: COUNT }, draw)])];
  const rows: [string, string[]][] = [];
  for (let i = 0; i < texts.length; i += 8) {
    const batch = texts.slice(i, i + 8);
    const tokens = await Promise.all(batch.map((t) => analyze(url, t)));
    batch.forEach((t, k) => rows.push([t, tokens[k]!]));
  }
  const file = fileURLToPath(new URL('./standard-tokens.json', import.meta.url));
  writeFileSync(file, '[\n' + rows.map((r) => JSON.stringify(r)).join(',\n') + '\n]\n');
  console.log(`wrote ${rows.length} rows to ${file}`);
}

await main();

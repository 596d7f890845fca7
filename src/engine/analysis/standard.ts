/**
 * OpenSearch's `standard` analyzer: Lucene's StandardTokenizer (word-scanner.ts: its UAX#29 grammar over its
 * own character classes) and LowerCaseFilter. Latin text takes a hand-written path that gives the same
 * tokens (checked against the scanner in test/unit/engine/query/analysis.test.ts).
 */
import { scanWords } from './word-scanner.js';

export interface Token {
  readonly term: string;
  /** Token position (0-based), used by phrase queries. */
  readonly position: number;
}

const MAX_TOKEN_LENGTH = 255;

// ASCII plus the Latin-1/Latin Extended letters: all plain ALetter for UAX#29, so a table covers them.
// eslint-disable-next-line no-control-regex
const FAST = /^[\x00-\x7f\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f]*$/;

const CONTEXT_CASED = /[\u0130\u03a3]/;

/**
 * Lucene's LowerCaseFilter: Java's `Character.toLowerCase` per code point (the simple case mapping).
 * JavaScript's `toLowerCase` applies the full mapping, which differs for two letters: `İ` (U+0130) becomes
 * `i` + U+0307 there and `i` in Java, and a word-final `Σ` becomes `ς` there and always `σ` in Java.
 */
export function luceneLowerCase(text: string): string {
  const lower = text.toLowerCase();
  if (!CONTEXT_CASED.test(text)) return lower;
  let out = '';
  for (const ch of text) out += ch === '\u0130' ? 'i' : ch === '\u03a3' ? '\u03c3' : ch.toLowerCase();
  return out;
}

export function analyzeStandard(text: string): Token[] {
  if (endsInHighSurrogate(text)) return trailingHighSurrogate(text);
  // The scanner's lazy DFA costs a little per character; Latin text takes an exact hand-written path.
  if (FAST.test(text)) return asciiTokens(text);
  return scannerTokens(text);
}

const isHigh = (c: number): boolean => c >= 0xd800 && c <= 0xdbff;
const endsInHighSurrogate = (text: string): boolean => text.length > 0 && isHigh(text.charCodeAt(text.length - 1));

/** The scanner's buffer (StandardTokenizerImpl.ZZ_BUFFERSIZE). */
const SCAN_BUFFER = 255;

/**
 * A text ending with an unpaired high surrogate meets a quirk of Lucene's scanner (the JFlex zzRefill): a
 * read that ends with a high surrogate short of the buffer reads one more char for its low half, and at the
 * end of the text reports the end right away. So a text shorter than the buffer gives no token at all
 * (`"foo \ud83c"`), and a longer one is cut where that last read happened: the word being scanned there ends
 * at the cut and the rest is scanned afresh (a cut between words drops the rest). Checked on 3.6.0.
 */
function trailingHighSurrogate(text: string): Token[] {
  const n = text.length;
  if (n < SCAN_BUFFER) return [];
  const words = scanWords(text);
  const spans: { word: string; start: number; end: number }[] = [];
  let cursor = 0;
  for (const word of words) {
    const start = text.indexOf(word, cursor);
    if (start < 0) return scannerTokens(text);
    spans.push({ word, start, end: start + word.length });
    cursor = start + word.length;
  }
  const tokens = (ws: readonly string[]): Token[] => ws.map((w, position) => ({ term: luceneLowerCase(w), position }));
  // A read filling the buffer exactly holds a final high surrogate back for the next one.
  let end = isHigh(text.charCodeAt(SCAN_BUFFER - 1)) ? SCAN_BUFFER - 1 : SCAN_BUFFER;
  for (;;) {
    const p = end;
    // A word ending right at the cut is still being scanned: the scanner reads past a word to end it.
    const current = spans.find((w) => w.start < p && p <= w.end);
    const s = current ? current.start : p;
    const requested = SCAN_BUFFER - (p - s);
    const remaining = n - p;
    if (requested <= 0 || remaining >= requested) {
      if (requested <= 0 || remaining === requested) return tokens(words);
      end = p + requested;
      if (isHigh(text.charCodeAt(end - 1))) end--;
      continue;
    }
    // The last read: short of the buffer and ending with the high surrogate, it reports the end at once.
    const before = spans.filter((w) => w.end <= s).map((w) => w.word);
    if (s === p) return tokens(before);
    return tokens([...before, ...scanWords(text.slice(s, p)), ...scanWords(text.slice(p))]);
  }
}

/** Terms only (no positions), for query-side analysis. */
export function analyzeTerms(text: string): string[] {
  return analyzeStandard(text).map((t) => t.term);
}

// UAX#29 word-break classes of ASCII characters.
const OTHER = 0;
const LETTER = 1;
const DIGIT = 2;
const EXTEND_NUM_LET = 3; // '_'
const MID_LETTER = 4; // ':'
const MID_NUM_LET = 5; // '.', "'"
const MID_NUM = 6; // ',', ';'

const CLASS = new Uint8Array(0x250);
for (let c = 0; c < 0x250; c++) {
  const ch = String.fromCharCode(c);
  CLASS[c] = /[A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f]/.test(ch) ? LETTER : /[0-9]/.test(ch) ? DIGIT : ch === '_' ? EXTEND_NUM_LET
    : ch === ':' ? MID_LETTER : ch === '.' || ch === "'" ? MID_NUM_LET : ch === ',' || ch === ';' ? MID_NUM : OTHER;
}

/** UAX#29 word segmentation for ASCII and Latin letters (rules WB5-WB13b), keeping segments with a letter or digit. */
export function asciiTokens(text: string): Token[] {
  const out: Token[] = [];
  const n = text.length;
  const cls = (i: number): number => (i < n ? CLASS[text.charCodeAt(i)] ?? OTHER : OTHER);
  let position = 0;
  let i = 0;
  while (i < n) {
    let last = cls(i);
    if (last !== LETTER && last !== DIGIT && last !== EXTEND_NUM_LET) { i++; continue; }
    const start = i;
    let wordLike = last !== EXTEND_NUM_LET;
    i++;
    while (i < n) {
      const c = cls(i);
      if (c === LETTER || c === DIGIT || c === EXTEND_NUM_LET) {
        last = c;
        if (c !== EXTEND_NUM_LET) wordLike = true;
        i++;
      } else if ((c === MID_LETTER || c === MID_NUM_LET) && last === LETTER && cls(i + 1) === LETTER) {
        i += 2;
        last = LETTER;
      } else if ((c === MID_NUM || c === MID_NUM_LET) && last === DIGIT && cls(i + 1) === DIGIT) {
        i += 2;
        last = DIGIT;
      } else break;
    }
    if (!wordLike) continue;
    if (i - start <= MAX_TOKEN_LENGTH) {
      out.push({ term: luceneLowerCase(text.slice(start, i)), position: position++ });
      continue;
    }
    // Longer than Lucene's scanner buffer: the scanner's longest match within 255 units, then the rest
    // scanned afresh (a cut inside "a.b.c..." drops the separator).
    for (const w of scanWords(text.slice(start, i))) out.push({ term: luceneLowerCase(w), position: position++ });
  }
  return out;
}

/** The general path (any script), exported so tests can compare both on Latin input. */
export function scannerTokens(text: string): Token[] {
  return scanWords(text).map((word, position) => ({ term: luceneLowerCase(word), position }));
}

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
  // The scanner's lazy DFA costs a little per character; Latin text takes an exact hand-written path.
  if (FAST.test(text)) return asciiTokens(text);
  return scannerTokens(text);
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

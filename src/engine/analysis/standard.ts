/**
 * OpenSearch's `standard` analyzer: UAX#29 word boundaries (Intl.Segmenter implements them), keeping only
 * word-like segments, lower-cased. Lucene's tokenizer additionally emits every Han ideograph and Hiragana
 * character as its own token and cuts tokens at 255 chars; both are mirrored so CJK text matches alike.
 */
import { isLuceneEmoji } from './lucene-emoji.js';

export interface Token {
  readonly term: string;
  /** Token position (0-based), used by phrase queries. */
  readonly position: number;
}

const segmenter = new Intl.Segmenter('und', { granularity: 'word' });
const MAX_TOKEN_LENGTH = 255;
const EMOJI = /\p{Extended_Pictographic}/u;
const UNDERSCORES = /^_+$/;

/** Lucene keeps word-like segments except runs of '_' alone, and emits emoji as tokens too. */
function isToken(seg: Intl.SegmentData): boolean {
  if (seg.isWordLike) return !UNDERSCORES.test(seg.segment);
  return EMOJI.test(seg.segment) || isLuceneEmoji(seg.segment.codePointAt(0)!);
}
const SINGLE_CHAR_SCRIPTS = /[\p{Script=Han}\p{Script=Hiragana}]/u;

// ASCII plus the Latin-1/Latin Extended letters: all plain ALetter for UAX#29, so a table covers them.
// eslint-disable-next-line no-control-regex
const FAST = /^[\x00-\x7f\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f]*$/;
// eslint-disable-next-line no-control-regex
const FAST_CHUNK = /^[\x00-\x7f\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f]*$/;

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
  // Intl.Segmenter costs microseconds per call; Latin text takes an exact hand-written path, and mixed
  // text only sends its non-Latin whitespace-separated chunks to the segmenter (words never span spaces).
  if (FAST.test(text)) return asciiTokens(text);
  const out: Token[] = [];
  let position = 0;
  for (const chunk of text.split(/([ \t\n\r]+)/)) {
    if (chunk === '' || /^[ \t\n\r]+$/.test(chunk)) continue;
    const tokens = FAST_CHUNK.test(chunk) ? asciiTokens(chunk) : southeastAsianAware(chunk);
    for (const t of tokens) out.push({ term: t.term, position: position++ });
  }
  return out;
}

/**
 * Lucene keeps a run of Thai, Lao, Myanmar or Khmer letters (Line_Break=SA) as ONE <SOUTHEAST_ASIAN>
 * token — it has no dictionary — where Intl.Segmenter splits it into dictionary words ("ภาษาไทย" is one
 * token there, two here). Such runs are cut out first; their digits stay <NUM> tokens of their own.
 */
const SOUTHEAST_ASIAN = /((?:(?!\p{Nd})[\p{Script=Thai}\p{Script=Lao}\p{Script=Myanmar}\p{Script=Khmer}\p{Script=Tai_Tham}\p{Script=Tai_Viet}\p{Script=New_Tai_Lue}])+)/u;
const SOUTHEAST_ASIAN_RUN = new RegExp(`^${SOUTHEAST_ASIAN.source}$`, 'u');

function southeastAsianAware(chunk: string): Token[] {
  if (!SOUTHEAST_ASIAN.test(chunk)) return segmentTokens(chunk);
  const out: Token[] = [];
  for (const piece of chunk.split(SOUTHEAST_ASIAN)) {
    if (piece === '') continue;
    if (SOUTHEAST_ASIAN_RUN.test(piece)) {
      for (let i = 0; i < piece.length; i += MAX_TOKEN_LENGTH) out.push({ term: piece.slice(i, i + MAX_TOKEN_LENGTH), position: out.length });
    } else {
      for (const t of segmentTokens(piece)) out.push({ term: t.term, position: out.length });
    }
  }
  return out;
}

function segmentTokens(text: string): Token[] {
  const out: Token[] = [];
  let position = 0;
  for (const seg of segmenter.segment(text)) {
    if (!isToken(seg)) continue;
    const word = luceneLowerCase(seg.segment);
    if (SINGLE_CHAR_SCRIPTS.test(word)) {
      for (const piece of splitIdeographs(word)) out.push({ term: piece, position: position++ });
      continue;
    }
    for (let i = 0; i < word.length; i += MAX_TOKEN_LENGTH) {
      out.push({ term: word.slice(i, i + MAX_TOKEN_LENGTH), position: position++ });
    }
  }
  return out;
}

/** Terms only (no positions), for query-side analysis. */
export function analyzeTerms(text: string): string[] {
  return analyzeStandard(text).map((t) => t.term);
}

function* splitIdeographs(word: string): Generator<string> {
  let run = '';
  for (const ch of word) {
    if (SINGLE_CHAR_SCRIPTS.test(ch)) {
      if (run) yield run;
      run = '';
      yield ch;
    } else {
      run += ch;
    }
  }
  if (run) yield run;
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
    const word = luceneLowerCase(text.slice(start, i));
    for (let k = 0; k < word.length; k += MAX_TOKEN_LENGTH) out.push({ term: word.slice(k, k + MAX_TOKEN_LENGTH), position: position++ });
  }
  return out;
}

/** The general path (any script), exported so tests can compare both on ASCII input. */
export function segmenterTokens(text: string): Token[] {
  const out: Token[] = [];
  let position = 0;
  for (const seg of segmenter.segment(text)) {
    if (!isToken(seg)) continue;
    const word = luceneLowerCase(seg.segment);
    for (let i = 0; i < word.length; i += MAX_TOKEN_LENGTH) out.push({ term: word.slice(i, i + MAX_TOKEN_LENGTH), position: position++ });
  }
  return out;
}

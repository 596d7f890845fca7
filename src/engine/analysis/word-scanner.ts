/**
 * Lucene's StandardTokenizer (the `standard` tokenizer of OpenSearch 3.6 / Lucene 10.4), written from its
 * JFlex grammar (StandardTokenizerImpl.jflex): UAX#29 word rules as Lucene states them, plus its emoji,
 * South-East Asian, Han and Hiragana rules. Why not Intl.Segmenter: ICU's word break differs from Lucene's
 * grammar in ways that change tokens (ICU splits Hangul from a following `_word`, uses dictionaries, and
 * ships another Unicode version), and every token difference shifts BM25 statistics of a whole index.
 *
 * The scanner works like JFlex's: at each position the longest prefix matching any rule is a token; a
 * code point no rule starts with is skipped. Tokens are at most 255 UTF-16 units (Lucene's scanner buffer
 * is the max token length, so a longer run yields its longest match within 255 units, and scanning
 * resumes right after it). Character classes come from Lucene's own tables (lucene-word-classes.ts).
 */
import { LUCENE_WORD_CLASSES } from './lucene-word-classes.js';

/** Role letters of lucene-word-classes.ts, in id order. */
const ROLE_LETTERS = 'oD#Qnm0la_exh9stgzkAcKHvVrMTE';
const R = Object.fromEntries([...ROLE_LETTERS].map((l, i) => [l, i])) as Record<string, number>;
const bit = (...letters: string[]): number => letters.reduce((m, l) => m | (1 << R[l]!), 0);

// Sets of roles, named as in the grammar.
const EXT_FMT_ZWJ = bit('x', 't', 'z', 'k', 'v', 'V', 'M', 'T', 'E'); // WB:Extend | Format | ZWJ
const EXT_SANS_PRES_SEL = EXT_FMT_ZWJ & ~bit('v', 'V'); // without U+FE0E, U+FE0F
const AH_LETTER = bit('a', 'h', 'g', 'A'); // ALetter | Hebrew_Letter (Hangul and letter-emoji included)
const HEBREW = bit('h');
const NUMERIC = bit('0', '9');
const KATAKANA = bit('K');
const EXTEND_NUM_LET = bit('_');
const MID_LETTER = bit('l', 'm', 'Q'); // MidLetter | MidNumLet | Single_Quote
const MID_NUMERIC = bit('n', 'm', 'Q'); // MidNum | MidNumLet | Single_Quote
const SINGLE_QUOTE = bit('Q');
const DOUBLE_QUOTE = bit('D');
const COMPLEX_CONTEXT = bit('s', 't');
const HAN = bit('c');
const HIRAGANA = bit('H');
const ZWJ = bit('z');
const KEYCAP_BASE = bit('0', '#');
const KEYCAP = bit('k');
const EMOJI_CHAR = bit('e', 'A'); // Extended_Pictographic | Emoji minus (RI, keycap bases, ©®™〰〽, modifiers)
const EMOJI_MODIFIER_BASE = bit('e');
const EMOJI_MODIFIER = bit('M');
const PRES_SEL = bit('V');
const REGIONAL_INDICATOR = bit('r');
const TAG_SPEC = bit('T');
const TAG_TERM = bit('E');

// A small Thompson NFA: node i has epsilon edges and at most one edge on a set of roles.
const eps: number[][] = [];
const edgeSet: number[] = [];
const edgeTo: number[] = [];
function node(): number {
  eps.push([]);
  edgeSet.push(0);
  edgeTo.push(-1);
  return eps.length - 1;
}
interface Frag { readonly s: number; readonly e: number }
type F = () => Frag;
const sym = (set: number): F => () => { const s = node(); const e = node(); edgeSet[s] = set; edgeTo[s] = e; return { s, e }; };
const seq = (...fs: F[]): F => () => {
  const parts = fs.map((f) => f());
  for (let i = 0; i + 1 < parts.length; i++) eps[parts[i]!.e]!.push(parts[i + 1]!.s);
  return { s: parts[0]!.s, e: parts[parts.length - 1]!.e };
};
const alt = (...fs: F[]): F => () => {
  const s = node(); const e = node();
  for (const f of fs) { const p = f(); eps[s]!.push(p.s); eps[p.e]!.push(e); }
  return { s, e };
};
const star = (f: F): F => () => { const s = node(); const e = node(); const p = f(); eps[s]!.push(p.s, e); eps[p.e]!.push(p.s, e); return { s, e }; };
const plus = (f: F): F => seq(f, star(f));
const empty: F = () => { const s = node(); return { s, e: s }; };
const opt = (f: F): F => alt(f, empty);

/** X followed by any Extend/Format/ZWJ (UAX#29 WB4). */
const ex = (set: number): F => seq(sym(set), star(sym(EXT_FMT_ZWJ)));
const AHLetterEx = ex(AH_LETTER);
const NumericEx = ex(NUMERIC);
const KatakanaEx = ex(KATAKANA);
const MidLetterEx = ex(MID_LETTER);
const MidNumericEx = ex(MID_NUMERIC);
const ExtendNumLetEx = ex(EXTEND_NUM_LET);
const HebrewLetterEx = ex(HEBREW);
const SingleQuoteEx = ex(SINGLE_QUOTE);
const DoubleQuoteEx = ex(DOUBLE_QUOTE);

// Emoji: TR#51 emoji sequences, as the grammar states them.
const exSans = (set: number): F => seq(sym(set), star(sym(EXT_SANS_PRES_SEL)));
const emojiCore: F = alt(
  seq(star(sym(ZWJ)), exSans(EMOJI_CHAR), opt(sym(PRES_SEL))),
  seq(opt(seq(star(sym(ZWJ)), exSans(EMOJI_MODIFIER_BASE))), exSans(EMOJI_MODIFIER)),
);
const EMOJI: F = alt(
  seq(emojiCore, alt(star(seq(sym(ZWJ), emojiCore)), seq(plus(sym(TAG_SPEC)), sym(TAG_TERM)))),
  seq(exSans(KEYCAP_BASE), opt(sym(PRES_SEL)), exSans(KEYCAP)),
  seq(ex(REGIONAL_INDICATOR), ex(REGIONAL_INDICATOR)),
);

// WB8, WB11, WB12, WB13a, WB13b.
const NUMBER: F = seq(star(ExtendNumLetEx), NumericEx, star(seq(alt(star(ExtendNumLetEx), MidNumericEx), NumericEx)), star(ExtendNumLetEx));

// WB5-WB7c, WB9, WB10, WB13-WB13b (the Hangul and Katakana rules of the grammar are subsets, for typing).
const wordCore: F = alt(
  seq(KatakanaEx, star(seq(star(ExtendNumLetEx), KatakanaEx))),
  plus(alt(
    seq(HebrewLetterEx, alt(SingleQuoteEx, seq(DoubleQuoteEx, HebrewLetterEx))),
    seq(NumericEx, star(seq(alt(star(ExtendNumLetEx), MidNumericEx), NumericEx))),
    seq(AHLetterEx, star(seq(alt(star(ExtendNumLetEx), MidLetterEx), AHLetterEx))),
  )),
);
const WORD: F = seq(star(ExtendNumLetEx), wordCore, star(seq(plus(ExtendNumLetEx), wordCore)), star(ExtendNumLetEx));

const SOUTHEAST_ASIAN: F = plus(ex(COMPLEX_CONTEXT));
const IDEOGRAPH: F = ex(HAN);
const HIRAGANA_CHAR: F = ex(HIRAGANA);

const ROOT = alt(EMOJI, NUMBER, WORD, SOUTHEAST_ASIAN, IDEOGRAPH, HIRAGANA_CHAR)();
const ACCEPT = ROOT.e;

// Lazy DFA over sets of NFA nodes (each state: its epsilon-closed node list).
interface DState { readonly nodes: readonly number[]; readonly accepts: boolean; readonly next: (DState | null | undefined)[] }
const states = new Map<string, DState>();
function stateOf(seeds: readonly number[]): DState | null {
  const seen = new Set<number>();
  const stack = [...seeds];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (seen.has(n)) continue;
    seen.add(n);
    for (const m of eps[n]!) stack.push(m);
  }
  // Only nodes with an outgoing edge, and the accept node, matter for what follows.
  const nodes = [...seen].filter((n) => edgeTo[n]! >= 0 || n === ACCEPT).sort((a, b) => a - b);
  if (nodes.length === 0) return null;
  const key = nodes.join(',');
  let st = states.get(key);
  if (!st) {
    st = { nodes, accepts: nodes.includes(ACCEPT), next: [] };
    states.set(key, st);
  }
  return st;
}
const START = stateOf([ROOT.s])!;
function step(st: DState, role: number): DState | null {
  let nx = st.next[role];
  if (nx !== undefined) return nx;
  const seeds: number[] = [];
  for (const n of st.nodes) if ((edgeSet[n]! >> role) & 1) seeds.push(edgeTo[n]!);
  nx = seeds.length === 0 ? null : stateOf(seeds);
  st.next[role] = nx;
  return nx;
}

// Role of each code point: a table for the BMP, ranges for the rest.
const BMP = new Uint8Array(0x10000);
const astral: number[] = []; // [start, end, role] triples, sorted
for (const entry of LUCENE_WORD_CLASSES.split(' ')) {
  const role = R[entry[entry.length - 1]!]!;
  const [a, b] = entry.slice(0, -1).split('-');
  const start = parseInt(a!, 36);
  const end = b === undefined ? start : parseInt(b, 36);
  for (let c = start; c <= Math.min(end, 0xffff); c++) BMP[c] = role;
  if (end > 0xffff) astral.push(Math.max(start, 0x10000), end, role);
}
export function roleOf(cp: number): number {
  if (cp < 0x10000) return BMP[cp]!;
  let lo = 0;
  let hi = astral.length / 3 - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (cp < astral[mid * 3]!) hi = mid - 1;
    else if (cp > astral[mid * 3 + 1]!) lo = mid + 1;
    else return astral[mid * 3 + 2]!;
  }
  return 0;
}

const MAX_TOKEN_LENGTH = 255;

/** Token texts (not lower-cased) of Lucene's StandardTokenizer, in order. */
export function scanWords(text: string): string[] {
  const out: string[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    let st: DState | null = START;
    let j = i;
    let end = -1;
    while (j < n && st) {
      const cp = text.codePointAt(j)!;
      const w = cp > 0xffff ? 2 : 1;
      if (j + w - i > MAX_TOKEN_LENGTH) break;
      st = step(st, roleOf(cp));
      j += w;
      if (st?.accepts) end = j;
    }
    if (end > i) {
      out.push(text.slice(i, end));
      i = end;
    } else {
      i += text.codePointAt(i)! > 0xffff ? 2 : 1;
    }
  }
  return out;
}

/**
 * OpenSearch's `standard` analyzer: UAX#29 word boundaries (Intl.Segmenter implements them), keeping only
 * word-like segments, lower-cased. Lucene's tokenizer additionally emits every Han ideograph and Hiragana
 * character as its own token and cuts tokens at 255 chars; both are mirrored so CJK text matches alike.
 */
export interface Token {
  readonly term: string;
  /** Token position (0-based), used by phrase queries. */
  readonly position: number;
}

const segmenter = new Intl.Segmenter('und', { granularity: 'word' });
const MAX_TOKEN_LENGTH = 255;
const SINGLE_CHAR_SCRIPTS = /[\p{Script=Han}\p{Script=Hiragana}]/u;

export function analyzeStandard(text: string): Token[] {
  const out: Token[] = [];
  let position = 0;
  for (const seg of segmenter.segment(text)) {
    if (!seg.isWordLike) continue;
    const word = seg.segment.toLowerCase();
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

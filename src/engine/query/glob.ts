/**
 * Wildcard patterns (`*`, `?`, `\` escapes) matched in linear-ish time. A regular expression built from a
 * user's pattern backtracks: `*a*a*a…b` against a long term took exponential time, so one wildcard query or
 * `_source` pattern could hang the engine. This matcher is the classic greedy one that only ever backtracks
 * to the last `*`: at most (pattern length × text length) steps.
 */
export interface GlobMatcher { test(text: string): boolean }

const STAR = -1;
const ANY = -2;

export interface GlobOptions {
  /** `\` escapes the next character (query patterns); off for index expressions. */
  escapes?: boolean;
  /** `?` matches one character (query patterns); off for index expressions. */
  questionMark?: boolean;
}

/**
 * OpenSearch's case-insensitive term, prefix and wildcard queries (AutomatonQueries.toCaseInsensitiveChar)
 * add the other case only for ASCII code points: `É`, `Ł` or `ß` match only themselves.
 */
export function foldAscii(s: string): string {
  return s.replace(/[A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 32));
}

export function globToRegExp(pattern: string, caseInsensitive: boolean, opts: GlobOptions = {}): GlobMatcher {
  const escapes = opts.escapes ?? true;
  const qm = opts.questionMark ?? true;
  const cps = Array.from(pattern);
  // Tokens: a code point (as a string) or STAR / ANY.
  const toks: (string | number)[] = [];
  for (let i = 0; i < cps.length; i++) {
    const ch = cps[i]!;
    if (escapes && ch === '\\' && i + 1 < cps.length) toks.push(cps[++i]!);
    else if (ch === '*') { if (toks[toks.length - 1] !== STAR) toks.push(STAR); }
    else if (qm && ch === '?') toks.push(ANY);
    else toks.push(ch);
  }
  const same = caseInsensitive
    ? (a: string, b: string): boolean => a === b || foldAscii(a) === foldAscii(b)
    : (a: string, b: string): boolean => a === b;
  return {
    test(text: string): boolean {
      const s = Array.from(text);
      let p = 0;
      let t = 0;
      let starP = -1;
      let starT = 0;
      while (t < s.length) {
        const tok = toks[p];
        if (tok === STAR) {
          starP = p++;
          starT = t;
        } else if (p < toks.length && (tok === ANY || same(tok as string, s[t]!))) {
          p++;
          t++;
        } else if (starP >= 0) {
          p = starP + 1;
          t = ++starT;
        } else return false;
      }
      while (toks[p] === STAR) p++;
      return p === toks.length;
    },
  };
}

/**
 * The cost Lucene 10 charges to determinize a wildcard pattern's automaton (Operations.determinize with
 * OpenSearch's work limit of 10,000: an "effort" of 10 x the limit, summed over the DFA states it builds as
 * the number of NFA states each holds). A pattern over it fails the shard with TooComplexToDeterminize
 * (hunt4 r24: `*` + 36 x `z?` + `*`). The automaton is WildcardQuery.toAutomaton's concatenation: one state
 * per pattern token (a `*` loops on its own state, the first token's state being the initial one when it is
 * a `*`), so the subset construction runs over token positions; checked against 3.6.0 on two pattern shapes,
 * at the exact boundary, and the reported state and transition counts.
 */
type Token = { readonly kind: 'star' } | { readonly kind: 'any' } | { readonly kind: 'char'; readonly cp: string };

const EFFORT_LIMIT = 10_000 * 10;

function tokens(pattern: string): Token[] {
  const cps = Array.from(pattern);
  const out: Token[] = [];
  for (let i = 0; i < cps.length; i++) {
    const c = cps[i]!;
    if (c === '*') out.push({ kind: 'star' });
    else if (c === '?') out.push({ kind: 'any' });
    else if (c === '\\' && i + 1 < cps.length) out.push({ kind: 'char', cp: cps[++i]! });
    else out.push({ kind: 'char', cp: c });
  }
  return out;
}

export interface DeterminizeCost {
  readonly tooComplex: boolean;
  /** The engine's own bound on the work of computing this was reached first (a refusal, not an answer). */
  readonly unknown: boolean;
  readonly effort: number;
  readonly states: number;
  readonly transitions: number;
}

/** Set operations the computation may spend (tens of milliseconds) before it gives up. */
const WORK_LIMIT = 3_000_000;

/** The determinization effort of `pattern` (stopping once over the limit) and its NFA's size. */
export function determinizeCost(pattern: string): DeterminizeCost {
  const t = tokens(pattern);
  const n = t.length;
  // NFA size as Lucene reports it: concatenating each token's automaton onto the accept states so far.
  let states = 1;
  let transitions = 0;
  let frontier = 1;
  t.forEach((tok, i) => {
    if (tok.kind === 'star') {
      if (i === 0) { transitions += 1; return; }
      states += 1;
      transitions += 1 + frontier;
      frontier += 1;
    } else {
      states += 1;
      transitions += frontier;
      frontier = 1;
    }
  });
  // Subset construction over token positions (a `*` also matches nothing: closure to the next position).
  const close = (s: Set<number>): Set<number> => {
    const stack = [...s];
    while (stack.length > 0) {
      const i = stack.pop()!;
      if (i < n && t[i]!.kind === 'star' && !s.has(i + 1)) { s.add(i + 1); stack.push(i + 1); }
    }
    return s;
  };
  const keyOf = (s: Set<number>): string => [...s].sort((a, b) => a - b).join(',');
  const start = close(new Set([0]));
  const seen = new Set([keyOf(start)]);
  const work = [start];
  let effort = 0;
  let spent = 0;
  for (let w = 0; w < work.length; w++) {
    const s = work[w]!;
    effort += s.size;
    if (effort >= EFFORT_LIMIT) return { tooComplex: true, unknown: false, effort, states, transitions };
    // Only the characters the state's positions name lead apart from "any other character".
    const chars = new Set<string>();
    for (const i of s) { const x = t[i]; if (x?.kind === 'char') chars.add(x.cp); }
    spent += s.size * (chars.size + 1);
    if (spent > WORK_LIMIT) return { tooComplex: false, unknown: true, effort, states, transitions };
    for (const ch of [...chars, null]) {
      const next = new Set<number>();
      for (const i of s) {
        if (i >= n) continue;
        const x = t[i]!;
        if (x.kind === 'star') next.add(i);
        else if (x.kind === 'any' || (ch !== null && x.cp === ch)) next.add(i + 1);
      }
      if (next.size === 0) continue;
      close(next);
      spent += next.size;
      const k = keyOf(next);
      if (!seen.has(k)) { seen.add(k); work.push(next); }
    }
  }
  return { tooComplex: false, unknown: false, effort, states, transitions };
}

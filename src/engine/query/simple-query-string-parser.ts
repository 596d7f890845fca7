/**
 * The `simple_query_string` syntax, parsed left to right the way Lucene's SimpleQueryParser does:
 * `+` and `|` set the operator for the next clause, whitespace means the default operator, a change of
 * operator wraps everything so far as one clause, `-` negates (as "all docs except"), `"..."` is a phrase,
 * a trailing `*` a prefix, parentheses group, `\` escapes.
 */
import { EngineError, parsingError } from '../errors.js';

export type Occur = 'must' | 'should';
export type SqsNode =
  | { kind: 'term'; text: string }
  | { kind: 'fuzzy'; text: string; edits: number }
  | { kind: 'prefix'; text: string }
  | { kind: 'phrase'; text: string }
  | { kind: 'not'; node: SqsNode }
  | { kind: 'bool'; clauses: { occur: Occur; node: SqsNode }[] };

/** Which operators are active. `fuzzy` is term~N; `near` (phrase~N) is parsed only to be refused. With
 *  them off, `~` is an ordinary character, as in Lucene. */
export interface SqsFlags {
  and: boolean; or: boolean; not: boolean; prefix: boolean; phrase: boolean; precedence: boolean; escape: boolean; whitespace: boolean;
  fuzzy: boolean; near: boolean;
}

const ALL: SqsFlags = { and: true, or: true, not: true, prefix: true, phrase: true, precedence: true, escape: true, whitespace: true, fuzzy: true, near: true };
const NONE: SqsFlags = { and: false, or: false, not: false, prefix: false, phrase: false, precedence: false, escape: false, whitespace: false, fuzzy: false, near: false };

export function parseFlags(v: unknown): SqsFlags {
  if (v === undefined) return ALL;
  if (typeof v === 'number') {
    if (v === -1) return ALL;
    if (v === 0) return NONE;
    throw parsingError('[simple_query_string] numeric [flags] other than -1 and 0 are not supported by the embedded engine');
  }
  const f = { ...NONE };
  for (const name of String(v).split('|').map((s) => s.trim().toUpperCase()).filter(Boolean)) {
    switch (name) {
      case 'ALL': Object.assign(f, ALL); break;
      case 'NONE': break;
      case 'AND': f.and = true; break;
      case 'OR': f.or = true; break;
      case 'NOT': f.not = true; break;
      case 'PREFIX': f.prefix = true; break;
      case 'PHRASE': f.phrase = true; break;
      case 'PRECEDENCE': f.precedence = true; break;
      case 'ESCAPE': f.escape = true; break;
      case 'WHITESPACE': f.whitespace = true; break;
      case 'FUZZY': f.fuzzy = true; break;
      case 'NEAR': case 'SLOP': f.near = true; break;
      default:
        throw parsingError(`Unknown simple_query_string flag [${name}]`);
    }
  }
  return f;
}

interface State {
  readonly data: string;
  index: number;
  readonly end: number;
  top: SqsNode | null;
  /** Nesting depth of `top` (a bool or not node is one deeper than its deepest child). */
  depth: number;
  current: Occur | null;
  previous: Occur | null;
  not: number;
  /** Whether a term or phrase builds a query (see parseSqs); every clause does when absent. */
  readonly builds: ((node: SqsNode) => boolean) | undefined;
}

const isWs = (c: string): boolean => c === ' ' || c === '\t' || c === '\n' || c === '\r';

/**
 * Deepest operator tree the engine evaluates. Evaluation recurses once per level, so an unbounded tree
 * (thousands of nested groups in a search box) would overflow the stack. OpenSearch 3.6 itself answers
 * ~100 levels and dies with a StackOverflowError in `BooleanQuery.rewrite` at ~1,000; refusing well below
 * that keeps every answer we give equal to OpenSearch's. Groups holding one clause collapse and do not count.
 */
export const MAX_SQS_DEPTH = 256;

/**
 * `builds(node)` says whether a term or phrase becomes a query at all (one that analyzes to no token on every
 * field does not): Lucene's parser then adds nothing and keeps the pending `+`/`|` operator for the next
 * clause (`of + * -brown` is `of` AND NOT `brown`). Without it every clause is kept.
 */
export function parseSqs(text: string, defaultOp: Occur, flags: SqsFlags, builds?: (node: SqsNode) => boolean): SqsNode | null {
  const closing = flags.precedence ? matchParens(text, flags.escape) : new Map<number, number>();
  let st = newState(text, 0, text.length, builds);
  // Explicit stack instead of recursion: each '(' pushes the enclosing state, its matching ')' pops it.
  const stack: State[] = [];
  for (;;) {
    if (st.index >= st.end) {
      const parent = stack.pop();
      if (!parent) return st.top;
      build(parent, st.top, st.depth, defaultOp);
      parent.index = st.end + 1;
      parent.not = 0;
      st = parent;
      continue;
    }
    const c = st.data[st.index]!;
    if (c === '(' && flags.precedence) {
      const close = closing.get(st.index);
      if (close === undefined) {
        // No closing parenthesis: the '(' is dropped and the rest parsed in place.
        st.index++;
        st.not = 0;
        continue;
      }
      stack.push(st);
      st = newState(text, st.index + 1, close, builds);
      continue;
    }
    if (c === '"' && flags.phrase) consumePhrase(st, defaultOp, flags);
    else if (c === '+' && flags.and) {
      if (st.current === null && st.top !== null) st.current = 'must';
      st.index++;
    } else if (c === '|' && flags.or) {
      if (st.current === null && st.top !== null) st.current = 'should';
      st.index++;
    } else if (c === '-' && flags.not) {
      st.not++;
      st.index++;
      continue;
    } else if (isWs(c) && flags.whitespace) st.index++;
    else consumeToken(st, defaultOp, flags);
    st.not = 0;
  }
}

function newState(data: string, index: number, end: number, builds: State['builds']): State {
  return { data, index, end, top: null, depth: 0, current: null, previous: null, not: 0, builds };
}

/**
 * For every '(' that has one, the index of its matching ')', in one pass. Lucene scans forward from each
 * '(' counting depth (quotes are not special there, escapes are); a stack gives the same pairs in linear time
 * where rescanning from every '(' was quadratic.
 */
function matchParens(text: string, escape: boolean): Map<number, number> {
  const out = new Map<number, number>();
  const open: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\\' && escape) { i++; continue; }
    if (c === '(') open.push(i);
    else if (c === ')') {
      const o = open.pop();
      if (o !== undefined) out.set(o, i);
    }
  }
  return out;
}

function consumePhrase(st: State, defaultOp: Occur, f: SqsFlags): void {
  st.index++;
  const start = st.index;
  let text = '';
  let escaped = false;
  while (st.index < st.end) {
    const c = st.data[st.index]!;
    if (!escaped) {
      if (c === '\\' && f.escape) { escaped = true; st.index++; continue; }
      if (c === '"') break;
    }
    text += c;
    escaped = false;
    st.index++;
  }
  if (st.index === st.end) {
    // No closing quote: the quote is ignored and the text read as ordinary tokens.
    st.index = start;
    return;
  }
  st.index++;
  if (st.data[st.index] === '~' && f.near) throw unsupportedTilde('slop', `"${text}"`, st);
  build(st, { kind: 'phrase', text }, 0, defaultOp);
}

function consumeToken(st: State, defaultOp: Occur, f: SqsFlags): void {
  let text = '';
  let escaped = false;
  let prefix = false;
  while (st.index < st.end) {
    const c = st.data[st.index]!;
    if (!escaped) {
      if (c === '\\' && f.escape) { escaped = true; prefix = false; st.index++; continue; }
      if ((c === '"' && f.phrase) || (c === '|' && f.or) || (c === '+' && f.and) || (c === '(' && f.precedence) ||
        (c === ')' && f.precedence) || (isWs(c) && f.whitespace)) break;
      if (c === '~' && f.fuzzy && text.length > 0) {
        build(st, fuzzyNode(st, text, f), 0, defaultOp);
        return;
      }
    }
    prefix = !escaped && c === '*' && f.prefix;
    text += c;
    escaped = false;
    st.index++;
  }
  if (text.length === 0) {
    // A lone operator character such as ')' with precedence on: skip it.
    if (st.index < st.end) st.index++;
    return;
  }
  // A token that is only `*` is the term "*" (Lucene's SimpleQueryParser needs a character before the
  // prefix operator); `**` is the prefix "*".
  build(st, prefix && text.length > 1 ? { kind: 'prefix', text: text.slice(0, -1) } : { kind: 'term', text }, 0, defaultOp);
}

/**
 * `term~N` as Lucene's SimpleQueryParser reads it: everything after `~` up to the end of the token is the
 * edit distance (empty = 2, unparsable = 0, capped at 2); distance 0 is an ordinary term.
 */
function fuzzyNode(st: State, text: string, f: SqsFlags): SqsNode {
  st.index++;
  let digits = '';
  while (st.index < st.end) {
    const c = st.data[st.index]!;
    if ((c === '"' && f.phrase) || (c === '|' && f.or) || (c === '+' && f.and) || (c === '(' && f.precedence) ||
      (c === ')' && f.precedence) || (isWs(c) && f.whitespace)) break;
    digits += c;
    st.index++;
  }
  let edits = digits === '' ? 2 : /^[+-]?\d+$/.test(digits) && Math.abs(Number(digits)) <= 2147483647 ? Number(digits) : 0;
  if (edits < 0) edits = 0;
  edits = Math.min(edits, 2);
  return edits === 0 ? { kind: 'term', text } : { kind: 'fuzzy', text, edits };
}

function build(st: State, branch: SqsNode | null, branchDepth: number, defaultOp: Occur): void {
  // SimpleQueryParser.buildQueryTree: a null branch changes nothing, not even the pending operator.
  if (branch === null) return;
  if (st.builds && (branch.kind === 'term' || branch.kind === 'phrase') && !st.builds(branch)) return;
  const negated = st.not % 2 === 1;
  const node: SqsNode = negated ? { kind: 'not', node: branch } : branch;
  const nodeDepth = branchDepth + (negated ? 1 : 0);
  if (st.top === null) {
    st.top = node;
    st.depth = nodeDepth;
  } else {
    const op = st.current ?? defaultOp;
    if (st.previous !== op) {
      st.top = { kind: 'bool', clauses: [{ occur: op, node: st.top }] };
      st.depth++;
    }
    (st.top as Extract<SqsNode, { kind: 'bool' }>).clauses.push({ occur: op, node });
    st.depth = Math.max(st.depth, nodeDepth + 1);
    st.previous = op;
  }
  if (st.depth > MAX_SQS_DEPTH) throw tooDeep();
  st.current = null;
}

function tooDeep(): Error {
  return new EngineError(400, 'query_shard_exception',
    `failed to create query: [simple_query_string] the query nests operators more than [${MAX_SQS_DEPTH}] levels deep, which the embedded engine refuses`);
}

/**
 * The phrase slop operator is refused rather than read as plain text: `"a b"~2` widens what matches on
 * OpenSearch, so dropping the operator could silently change results.
 */
function unsupportedTilde(kind: 'slop', before: string, st: State): Error {
  let end = st.index + 1;
  while (end < st.end && /[0-9.]/.test(st.data[end]!)) end++;
  const shown = before + st.data.slice(st.index, end);
  return parsingError(`[simple_query_string] the phrase slop operator ("phrase"~N) in [${shown}] is not supported by the embedded engine; escape it as \\~ or leave NEAR out of [flags]`);
}

/**
 * Where a value of a parsed request body was written: the `[line:column]` OpenSearch's JSON parser (Jackson)
 * reports in its parse errors. Nothing is recorded while parsing but the body's text beside its root object
 * (in a ring of the last requests' bodies); an error that needs a position scans that text again, in step
 * with the parsed value, to the token asked for, so ordinary requests pay one ring slot.
 *
 * Lines are counted as Jackson counts them (`\n`, `\r\n` and a lone `\r` each end one), columns in UTF-8
 * bytes from 1 (Jackson reads the request's bytes: `é` is two columns).
 */

/** The bodies parsed last (strong references, a few requests' worth): the root holding an object is
 *  searched among them. An msearch's lines are one entry. */
interface Entry { readonly roots: readonly object[]; readonly texts: readonly string[] }
const RING = 32;
const ring: (Entry | undefined)[] = new Array(RING);
let next = 0;

/** Remembers the JSON texts the roots were parsed from (one request's bodies). */
export function rememberSources(roots: readonly object[], texts: readonly string[]): void {
  ring[next] = { roots, texts };
  next = (next + 1) % RING;
}

/** Remembers the JSON text `root` was parsed from. */
export function rememberSource(root: unknown, text: string): void {
  if (typeof root === 'object' && root !== null) rememberSources([root], [text]);
}

/** A token of a body, by the parsed values around it. */
export interface TokenRef {
  /** The object or array the token belongs to. */
  readonly holder: object;
  /** `value`: the value of member `key` of `holder` (its first token); `name`: the name of member `key`;
   *  `end`: the bracket closing `holder`; `after`: the token following the value of member `key`. */
  readonly at: 'value' | 'name' | 'end' | 'after';
  readonly key?: string | number;
}

export interface Position { readonly line: number; readonly col: number }

function contains(root: unknown, target: object, depth = 0): boolean {
  if (root === target) return true;
  if (typeof root !== 'object' || root === null || depth > 1000) return false;
  for (const v of Array.isArray(root) ? root : Object.values(root)) {
    if (typeof v === 'object' && v !== null && contains(v, target, depth + 1)) return true;
  }
  return false;
}

/** The text of the body holding the token `ref` names, and the token's index in it. */
function locate(ref: TokenRef): { text: string; index: number } | undefined {
  for (let k = 1; k <= RING; k++) {
    const entry = ring[(next - k + RING) % RING];
    if (entry === undefined) continue;
    for (let i = 0; i < entry.roots.length; i++) {
      const root = entry.roots[i]!;
      if (!contains(root, ref.holder)) continue;
      const text = entry.texts[i]!;
      const index = new Scanner(text, ref).find(root);
      return index === undefined ? undefined : { text, index };
    }
  }
  return undefined;
}

/** The position of the token `ref` names, when the body holding it is known. */
export function positionOf(ref: TokenRef): Position | undefined {
  const at = locate(ref);
  return at === undefined ? undefined : lineCol(at.text, at.index);
}

/** Where Jackson reports an error about a scalar token (a number or a literal): its current location, just
 *  past the token. Its message then ends with this location ("" when the body's text is unknown). */
export function jacksonLocation(ref: TokenRef): string {
  const at = locate(ref);
  if (at === undefined) return '';
  let end = at.index;
  // A container's first token is its bracket.
  if (at.text[end] === '{' || at.text[end] === '[') end++;
  else while (end < at.text.length && !',}] \t\r\n'.includes(at.text[end]!)) end++;
  const { line, col } = lineCol(at.text, end);
  return `\n at [Source: REDACTED (\`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION\` disabled); line: ${line}, column: ${col}]`;
}

function lineCol(text: string, index: number): Position {
  let line = 1;
  let start = 0;
  for (let i = 0; i < index; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) { line++; start = i + 1; }
  }
  return { line, col: Buffer.byteLength(text.slice(start, index), 'utf8') + 1 };
}

class Scanner {
  private i = 0;
  private found: number | undefined;

  constructor(private readonly text: string, private readonly ref: TokenRef) {}

  find(root: unknown): number | undefined {
    try {
      this.value(root);
    } catch (e) {
      if (e !== FOUND) return undefined;
    }
    return this.found;
  }

  private hit(index: number): never {
    this.found = index;
    throw FOUND;
  }

  /** The next token from the cursor (past a comma, which is no token). */
  private hitNext(): never {
    if (this.text[this.i] === ',') {
      this.i++;
      this.ws();
    }
    this.hit(this.i);
  }

  private ws(): void {
    const t = this.text;
    while (this.i < t.length) {
      const c = t.charCodeAt(this.i);
      if (c === 32 || c === 9 || c === 10 || c === 13) this.i++;
      else break;
    }
  }

  /** Skips the value at the cursor; `v` is its parsed counterpart (undefined once no longer followed). */
  private value(v: unknown): void {
    this.ws();
    const t = this.text;
    const c = t[this.i];
    if (c === '{') {
      this.i++;
      const obj = typeof v === 'object' && v !== null && !Array.isArray(v) ? v as Record<string, unknown> : undefined;
      const mine = obj !== undefined && obj === this.ref.holder;
      this.ws();
      if (t[this.i] === '}') {
        if (mine && this.ref.at === 'end') this.hit(this.i);
        this.i++;
        return;
      }
      for (;;) {
        this.ws();
        const nameAt = this.i;
        const key = this.string();
        if (mine && this.ref.at === 'name' && this.ref.key === key) this.hit(nameAt);
        this.ws();
        this.i++; // ':'
        this.ws();
        const child = obj !== undefined && Object.hasOwn(obj, key) ? obj[key] : undefined;
        if (mine && this.ref.at === 'value' && this.ref.key === key) this.hit(this.i);
        this.value(child);
        this.ws();
        if (mine && this.ref.at === 'after' && this.ref.key === key) this.hitNext();
        if (t[this.i] === ',') { this.i++; continue; }
        if (mine && this.ref.at === 'end') this.hit(this.i);
        this.i++; // '}'
        return;
      }
    }
    if (c === '[') {
      this.i++;
      const arr = Array.isArray(v) ? v : undefined;
      const mine = arr !== undefined && arr === this.ref.holder;
      this.ws();
      if (t[this.i] === ']') {
        if (mine && this.ref.at === 'end') this.hit(this.i);
        this.i++;
        return;
      }
      for (let n = 0; ; n++) {
        this.ws();
        if (mine && this.ref.at === 'value' && this.ref.key === n) this.hit(this.i);
        this.value(arr?.[n]);
        this.ws();
        if (mine && this.ref.at === 'after' && this.ref.key === n) this.hitNext();
        if (t[this.i] === ',') { this.i++; continue; }
        if (mine && this.ref.at === 'end') this.hit(this.i);
        this.i++; // ']'
        return;
      }
    }
    if (c === '"') {
      this.string();
      return;
    }
    // A number or a literal.
    while (this.i < t.length && !',}] \t\r\n'.includes(t[this.i]!)) this.i++;
  }

  private string(): string {
    const t = this.text;
    const start = this.i;
    this.i++;
    while (this.i < t.length && t[this.i] !== '"') this.i += t[this.i] === '\\' ? 2 : 1;
    this.i++;
    return JSON.parse(t.slice(start, this.i)) as string;
  }
}

const FOUND = Symbol('found');

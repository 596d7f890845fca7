import type { AttributeValue } from '../auth/principal.js';
import { InvalidRuleError } from './rule-error.js';
import {
  DlsVariableError,
  isListVariable,
  resolveVariable,
  splitTemplate,
  varName,
  type TextPart,
  type VariableContext,
  type VarRef,
} from './variables.js';
import { unreachable } from '../unreachable.js';

/**
 * A DLS query parsed once, with `${...}` placeholders kept as nodes. Values later enter as JSON values, so no
 * value (quotes, braces, `${...}`) can change the query's structure. The plugin substitutes text and parses
 * the result, which lets a quote in an attribute rewrite the query.
 */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [k: string]: JsonValue };

export type TKey = string | StrNode;

export interface StrNode {
  readonly t: 'str';
  /** Literal text and variables; a single variable is a whole-string placeholder. */
  readonly parts: readonly TextPart[];
}

export type TNode =
  /** A subtree without placeholders. */
  | { readonly t: 'lit'; readonly v: JsonValue }
  | { readonly t: 'obj'; readonly entries: readonly (readonly [TKey, TNode])[] }
  | { readonly t: 'arr'; readonly items: readonly TItem[] }
  | StrNode
  /** `${x}` outside a string, not directly in an array: a number or boolean. */
  | { readonly t: 'var'; readonly ref: VarRef };

/** `${x}` outside a string directly in an array: its values are spliced in as elements. */
export type TItem = TNode | { readonly t: 'splice'; readonly ref: VarRef };

/** Parses JSON that may contain `${...}` placeholders inside strings and as bare array elements/values. */
export function parseTemplateJson(text: string): TNode {
  const p = new Parser(text);
  p.ws();
  if (p.eof()) throw InvalidRuleError.of('the DLS query is empty');
  const node = p.value(false) as TNode;
  p.ws();
  if (!p.eof()) p.fail('unexpected text after the query (a DLS entry holds exactly one JSON query)');
  return node;
}

class Parser {
  private i = 0;
  constructor(private readonly s: string) {}

  eof(): boolean {
    return this.i >= this.s.length;
  }

  fail(message: string): never {
    throw InvalidRuleError.of(`invalid JSON at offset ${this.i}: ${message}`);
  }

  ws(): void {
    while (!this.eof() && ' \t\r\n'.includes(this.s[this.i] as string)) this.i += 1;
  }

  value(inArray: boolean): TItem {
    this.ws();
    const c = this.s[this.i];
    if (c === '{') return this.object();
    if (c === '[') return this.array();
    if (c === '"') return this.string();
    if (c === '$' && this.s.startsWith('${', this.i)) {
      const end = this.s.indexOf('}', this.i);
      if (end < 0) this.fail('unterminated ${');
      const ref = parseRef(this.s.slice(this.i + 2, end));
      this.i = end + 1;
      if (inArray) return { t: 'splice', ref };
      if (isListVariable(ref)) {
        this.fail(`\${${varName(ref)}} is a list: use it inside [...] or inside a string`);
      }
      return { t: 'var', ref };
    }
    if (this.s.startsWith('true', this.i)) return this.word('true', true);
    if (this.s.startsWith('false', this.i)) return this.word('false', false);
    if (this.s.startsWith('null', this.i)) return this.word('null', null);
    return this.number();
  }

  private word(w: string, v: JsonValue): TNode {
    this.i += w.length;
    return { t: 'lit', v };
  }

  private number(): TNode {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(this.s.slice(this.i));
    if (!m) this.fail(`unexpected ${this.eof() ? 'end of input' : JSON.stringify(this.s[this.i])}`);
    this.i += m[0].length;
    return { t: 'lit', v: Number(m[0]) };
  }

  private object(): TNode {
    this.i += 1;
    const entries: (readonly [TKey, TNode])[] = [];
    const seen = new Set<string>();
    this.ws();
    if (this.s[this.i] === '}') {
      this.i += 1;
      return { t: 'lit', v: {} };
    }
    for (;;) {
      this.ws();
      if (this.s[this.i] !== '"') this.fail('expected a "key"');
      const key = this.string();
      const k: TKey = key.t === 'lit' ? (key.v as string) : (key as StrNode);
      const keyText = typeof k === 'string' ? k : JSON.stringify(k.parts);
      if (seen.has(keyText)) this.fail(`duplicate key ${JSON.stringify(typeof k === 'string' ? k : keyText)}`);
      seen.add(keyText);
      this.ws();
      if (this.s[this.i] !== ':') this.fail('expected ":"');
      this.i += 1;
      const v = this.value(false) as TNode;
      entries.push([k, v]);
      this.ws();
      const c = this.s[this.i];
      this.i += 1;
      if (c === '}') break;
      if (c !== ',') this.fail('expected "," or "}"');
    }
    if (entries.every(([k, v]) => typeof k === 'string' && v.t === 'lit')) {
      const obj: { [k: string]: JsonValue } = {};
      for (const [k, v] of entries) obj[k as string] = (v as { v: JsonValue }).v;
      return { t: 'lit', v: obj };
    }
    return { t: 'obj', entries };
  }

  private array(): TNode {
    this.i += 1;
    const items: TItem[] = [];
    this.ws();
    if (this.s[this.i] === ']') {
      this.i += 1;
      return { t: 'lit', v: [] };
    }
    for (;;) {
      items.push(this.value(true));
      this.ws();
      const c = this.s[this.i];
      this.i += 1;
      if (c === ']') break;
      if (c !== ',') this.fail('expected "," or "]"');
    }
    if (items.every((it) => it.t === 'lit')) return { t: 'lit', v: items.map((it) => (it as { v: JsonValue }).v) };
    return { t: 'arr', items };
  }

  /** A JSON string; `${...}` is found in the raw text (as the plugin does) before escapes are decoded. */
  private string(): TNode {
    const start = this.i;
    this.i += 1;
    for (;;) {
      if (this.eof()) this.fail('unterminated string');
      const c = this.s[this.i] as string;
      if (c === '"') break;
      if (c === '\\') this.i += 2;
      else if (c < ' ') this.fail('control character in string');
      else this.i += 1;
    }
    const raw = this.s.slice(start + 1, this.i);
    this.i += 1;
    let parts: TextPart[];
    try {
      parts = splitTemplate(raw).map((p) => (typeof p === 'string' ? decodeJsonString(p) : p));
    } catch (e) {
      if (e instanceof InvalidRuleError) this.fail(e.message);
      throw e;
    }
    if (parts.every((p) => typeof p === 'string')) return { t: 'lit', v: parts.join('') };
    return { t: 'str', parts: parts.filter((p) => p !== '') };
  }
}

function parseRef(name: string): VarRef {
  const parts = splitTemplate(`\${${name}}`);
  const ref = parts[0];
  if (parts.length !== 1 || ref === undefined || typeof ref === 'string') throw InvalidRuleError.of(`bad variable \${${name}}`);
  return ref;
}

function decodeJsonString(raw: string): string {
  try {
    return JSON.parse(`"${raw}"`) as string;
  } catch {
    throw InvalidRuleError.of(`invalid escape in string "${raw}"`);
  }
}

/** Rendering options per string node: values in wildcard patterns are escaped so they stay literal. */
export interface RenderOptions {
  readonly wildcardStrings: ReadonlySet<TNode>;
}

/** Renders the template for one caller. Throws DlsVariableError when a value is missing or cannot fit. */
export function renderTemplate(node: TNode, ctx: VariableContext, opts: RenderOptions): JsonValue {
  switch (node.t) {
    case 'lit':
      return structuredClone(node.v);
    case 'obj': {
      const out: { [k: string]: JsonValue } = {};
      for (const [k, v] of node.entries) {
        const key = typeof k === 'string' ? k : concatText(k, ctx, false);
        if (Object.hasOwn(out, key)) throw new DlsVariableError('', `a variable produced the duplicate key ${JSON.stringify(key)}`);
        out[key] = renderTemplate(v, ctx, opts);
      }
      return out;
    }
    case 'arr': {
      const out: JsonValue[] = [];
      for (const item of node.items) {
        if (item.t === 'splice') out.push(...spliceValues(item.ref, ctx));
        else if (item.t === 'str' && item.parts.length === 1 && typeof item.parts[0] !== 'string' && isListVariable(item.parts[0] as VarRef)) {
          // `["${user.roles}"]` reads naturally as "the roles": splice rather than nest.
          out.push(...spliceValues(item.parts[0] as VarRef, ctx));
        } else out.push(renderTemplate(item, ctx, opts));
      }
      return out;
    }
    case 'str':
      return renderString(node, ctx, opts.wildcardStrings.has(node));
    case 'var':
      return bareValue(node.ref, ctx);
      default:
      return unreachable(node, 'template node');
  }
}

function renderString(node: StrNode, ctx: VariableContext, wildcard: boolean): JsonValue {
  const only = node.parts.length === 1 ? node.parts[0] : undefined;
  if (only !== undefined && typeof only !== 'string') {
    const value = resolveVariable(only, ctx);
    const name = varName(only);
    if (typeof value === 'string') return wildcard ? escapeWildcard(value) : value;
    if (typeof value === 'number' || typeof value === 'boolean') return value;
    if (Array.isArray(value)) return value.map((v) => scalarOf(v, name, wildcard));
    throw new DlsVariableError(name, `\${${name}} has no usable value (${value === null ? 'null' : 'an object'})`);
  }
  return concatText(node, ctx, wildcard);
}

function concatText(node: StrNode, ctx: VariableContext, wildcard: boolean): string {
  let out = '';
  for (const part of node.parts) {
    if (typeof part === 'string') {
      out += part;
      continue;
    }
    const name = varName(part);
    const value = resolveVariable(part, ctx);
    let text: string;
    if (isListVariable(part)) {
      // The plugin's text form, `"r1","r2"`; inside a string it can only ever be text.
      text = (value as string[]).map((r) => `"${r}"`).join(',');
    } else if (typeof value === 'string') text = value;
    else if (typeof value === 'number' || typeof value === 'boolean') text = String(value);
    else if (Array.isArray(value)) text = value.map((v) => String(scalarOf(v, name, false))).join(',');
    else throw new DlsVariableError(name, `\${${name}} has no usable value (${value === null ? 'null' : 'an object'})`);
    out += wildcard ? escapeWildcard(text) : text;
  }
  return out;
}

function scalarOf(v: AttributeValue, name: string, wildcard: boolean): string | number | boolean {
  if (typeof v === 'string') return wildcard ? escapeWildcard(v) : v;
  if (typeof v === 'number' || typeof v === 'boolean') return v;
  throw new DlsVariableError(name, `\${${name}} contains a value that is not a string, number or boolean`);
}

const JSON_NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/;

/** A bare `${x}` in a value position: only a number or boolean (or a string spelling one) fits. */
function bareValue(ref: VarRef, ctx: VariableContext): JsonValue {
  const name = varName(ref);
  const value = resolveVariable(ref, ctx);
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value === 'string') {
    if (JSON_NUMBER.test(value)) return Number(value);
    if (value === 'true' || value === 'false') return value === 'true';
  }
  throw new DlsVariableError(name, `\${${name}} is used outside quotes but is not a number or boolean`);
}

function spliceValues(ref: VarRef, ctx: VariableContext): JsonValue[] {
  const name = varName(ref);
  const value = resolveVariable(ref, ctx);
  if (Array.isArray(value)) return value.map((v) => scalarOf(v, name, false));
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return [value];
  throw new DlsVariableError(name, `\${${name}} has no usable value (${value === null ? 'null' : 'an object'})`);
}

/** Escapes a value for a wildcard query so that `*`, `?` and `\` in it match themselves. */
export function escapeWildcard(text: string): string {
  return text.replace(/[\\*?]/g, '\\$&');
}

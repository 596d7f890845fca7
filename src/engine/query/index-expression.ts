/**
 * What a value of a `term`, `terms`, `prefix` or `wildcard` query on `_index` matches. OpenSearch's
 * IndexFieldType hands the value to the shard's SearchIndexNameMatcher, which resolves it as an index
 * expression (IndexNameExpressionResolver.concreteIndexNames with IndicesOptions.lenientExpandOpen) and
 * matches when the shard's index is among the resolved indices. So the value is not a pattern over index
 * names only:
 *   - `_all` and `*` name every index; any other value starting with `_` fails the shard (400
 *     invalid_index_name_exception "must not start with '_'");
 *   - an alias name names every index of the alias (its filter is not applied), hidden aliases included;
 *   - a `*` pattern matches index names and the names of aliases that are not hidden (an alias whose name
 *     starts with `.` also when the pattern does), naming their indices; only `*` is special (`?` and `\`
 *     are themselves);
 *   - a value with `:` names a remote cluster, never the local index;
 *   - `<…>` is date math (refused here unless it holds no `{`, `}` or `\`: then it is the static name inside).
 * A case-insensitive query lower-cases the value (ASCII only: Strings.toLowercaseAscii) before all this.
 */
import { EngineError } from '../errors.js';
import type { SearchIndex } from '../index/search-index.js';

/** OpenSearch's Regex.simpleMatch: `*` matches any run of characters, everything else itself. */
export function simpleMatch(pattern: string, text: string): boolean {
  const parts = pattern.split('*');
  if (parts.length === 1) return pattern === text;
  if (!text.startsWith(parts[0]!) || !text.endsWith(parts[parts.length - 1]!)) return false;
  if (parts[0]!.length + parts[parts.length - 1]!.length > text.length) return false;
  let at = parts[0]!.length;
  const end = text.length - parts[parts.length - 1]!.length;
  for (const mid of parts.slice(1, -1)) {
    const k = text.indexOf(mid, at);
    if (k < 0 || k + mid.length > end) return false;
    at = k + mid.length;
  }
  return true;
}

const lowerAscii = (s: string): string => s.replace(/[A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 32));

/** True when index expression `value` resolves to index `ix` (see the module comment). An empty value is
 *  the caller's (OpenSearch fails it differently per query type). */
export function indexExpressionMatches(ix: SearchIndex, value: string, caseInsensitive: boolean): boolean {
  let expr = caseInsensitive ? lowerAscii(value) : value;
  // A remote cluster's expression: the local shard has no cluster alias, so it never matches.
  if (expr.includes(':')) return false;
  if (expr.startsWith('<') && expr.endsWith('>')) {
    const inner = expr.slice(1, -1);
    if (/[{}\\]/.test(inner)) {
      throw new EngineError(400, 'illegal_argument_exception',
        `date math index expression [${value}] in a query on [_index] is not supported by the embedded engine`);
    }
    // DateMathExpressionResolver: nothing between the brackets is its parse error.
    if (inner === '') throw new EngineError(400, 'parse_exception', 'nothing captured');
    expr = inner;
  }
  if (expr === '_all' || expr === '*') return true;
  if (expr === '') return false;
  if (expr.startsWith('_')) {
    throw new EngineError(400, 'invalid_index_name_exception', `Invalid index name [${expr}], must not start with '_'.`, {
      index: expr,
      index_uuid: '_na_',
    });
  }
  const aliases = ix.aliasesNow();
  // An existing index or alias name is taken as a name (names hold no `*`).
  if (expr === ix.name) return true;
  if (aliases.some(([a]) => a === expr)) return true;
  if (!expr.includes('*')) return false;
  if (simpleMatch(expr, ix.name)) return true;
  return aliases.some(([a, props]) => (props.is_hidden !== true || (a.startsWith('.') && expr.startsWith('.'))) && simpleMatch(expr, a));
}

/** Alias properties we accept. A `filter` would narrow what the alias shows; silently dropping it would
 *  widen access, so it is refused until supported. */
import { EngineError } from '../errors.js';
import type { AliasProps } from '../store/records.js';

const STRING_PROPS = ['routing', 'index_routing', 'search_routing'] as const;

export function parseAliasProps(def: unknown, extraAllowed: readonly string[] = []): AliasProps {
  if (def === undefined || def === null) return {};
  if (typeof def !== 'object' || Array.isArray(def)) throw new EngineError(400, 'parse_exception', 'alias definition must be an object');
  const props: AliasProps = {};
  for (const [k, v] of Object.entries(def as Record<string, unknown>)) {
    if (extraAllowed.includes(k)) continue;
    if (k === 'is_write_index' || k === 'is_hidden') {
      if (typeof v !== 'boolean') throw new EngineError(400, 'illegal_argument_exception', `[${k}] must be a boolean`);
      props[k] = v;
    } else if ((STRING_PROPS as readonly string[]).includes(k)) {
      if (typeof v !== 'string' && typeof v !== 'number') throw new EngineError(400, 'illegal_argument_exception', `[${k}] must be a string`);
      props[k as (typeof STRING_PROPS)[number]] = String(v);
    } else if (k === 'filter') {
      throw new EngineError(400, 'illegal_argument_exception', 'alias [filter] is not supported by the embedded engine');
    } else {
      throw new EngineError(400, 'x_content_parse_exception', `[alias] unknown field [${k}]`);
    }
  }
  return props;
}

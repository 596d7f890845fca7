/** The "missing" errors OpenSearch answers with, shared by the catalog and the REST handlers. */
import { EngineError } from '../errors.js';

export type ResourceType = 'index_or_alias' | 'index_expression';

export function indexNotFound(name: string, type: ResourceType = 'index_or_alias'): EngineError {
  return new EngineError(404, 'index_not_found_exception', `no such index [${name}]`, {
    index: name,
    'resource.id': name,
    'resource.type': type,
    index_uuid: '_na_',
  });
}

export function aliasesNotFound(aliases: readonly string[]): EngineError {
  const list = aliases.join(',');
  return new EngineError(404, 'aliases_not_found_exception', `aliases [${list}] missing`, {
    'resource.id': list,
    'resource.type': 'aliases',
  });
}

/**
 * Index and alias name rules, in the order and wording OpenSearch checks them
 * (MetadataCreateIndexService.validateIndexOrAliasName and validateIndexName).
 */
import { EngineError } from '../errors.js';

const FORBIDDEN = [' ', ',', '"', '*', '\\', '<', '|', '>', '/', '?'];
const MAX_NAME_BYTES = 255;

/** Why `name` is not a valid index or alias name, or undefined when it is. Case is checked separately. */
function nameProblem(name: string): string | undefined {
  if (name.length === 0) return 'must not be empty';
  if (FORBIDDEN.some((c) => name.includes(c))) return 'must not contain the following characters [ , ", *, \\, <, |, ,, >, /, ?]';
  if (name.includes('#')) return "must not contain '#'";
  if (name.includes(':')) return "must not contain ':'";
  if (name.startsWith('_') || name.startsWith('-') || name.startsWith('+')) return "must not start with '_', '-', or '+'";
  const bytes = Buffer.byteLength(name, 'utf8');
  if (bytes > MAX_NAME_BYTES) return `index name is too long, (${bytes} > ${MAX_NAME_BYTES})`;
  if (name === '.' || name === '..') return "must not be '.' or '..'";
  return undefined;
}

export function invalidIndexName(name: string, reason: string): EngineError {
  return new EngineError(400, 'invalid_index_name_exception', `Invalid index name [${name}], ${reason}`, {
    index: name,
    index_uuid: '_na_',
  });
}

export function validateIndexName(name: string): void {
  const problem = nameProblem(name);
  if (problem) throw invalidIndexName(name, problem);
  if (name.toLowerCase() !== name) throw invalidIndexName(name, 'must be lowercase');
}

export function validateAliasName(alias: string): void {
  const problem = nameProblem(alias) ?? (alias.toLowerCase() !== alias ? 'must be lowercase' : undefined);
  if (problem) throw new EngineError(400, 'invalid_alias_name_exception', `Invalid alias name [${alias}]: ${problem}`);
}

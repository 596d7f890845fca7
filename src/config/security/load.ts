import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { SecurityConfigError, type SecurityConfigIssue } from './errors.js';
import type { SecurityConfig, SecurityConfigInput } from '../../authz/model.js';
import { parseSecurityConfig } from './parse.js';
import { SECURITY_FILE_NAMES, type SecurityFileName } from '../../authz/security-schemas.js';

/**
 * Reads roles.yml, roles_mapping.yml, action_groups.yml, internal_users.yml and tenants.yml from a folder
 * (the plugin's `config/opensearch-security/` layout). A missing file is an empty one; anything unreadable or
 * invalid throws SecurityConfigError.
 */
export async function loadSecurityConfig(folder: string): Promise<SecurityConfig> {
  const texts: SecurityTexts = {};
  const issues: SecurityConfigIssue[] = [];
  for (const file of SECURITY_FILE_NAMES) {
    try {
      texts[file] = await readFile(join(folder, `${file}.yml`), 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') continue;
      issues.push({ file, entry: '', path: '', message: `cannot read: ${(e as Error).message}` });
    }
  }
  if (issues.length > 0) throw new SecurityConfigError(issues);
  return parseSecurityTexts(texts);
}

/** The five files' YAML texts, by file name without `.yml`; an absent file is an empty one. */
export type SecurityTexts = Partial<Record<SecurityFileName, string>>;

/** The files as texts (what `config import` sends to a running gateway), validated like a folder. */
export function parseSecurityTexts(texts: SecurityTexts): SecurityConfig {
  const input: SecurityConfigInput = {};
  const issues: SecurityConfigIssue[] = [];
  for (const file of SECURITY_FILE_NAMES) {
    const text = texts[file];
    if (text === undefined) continue;
    try {
      input[file] = parseYaml(text);
    } catch (e) {
      issues.push({ file, entry: '', path: '', message: `not valid YAML: ${(e as Error).message}` });
    }
  }
  if (issues.length > 0) throw new SecurityConfigError(issues);
  return parseSecurityConfig(input);
}

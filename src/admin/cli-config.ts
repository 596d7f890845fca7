import { userInfo } from 'node:os';
import { resolve } from 'node:path';
import { AuditLog, stdoutAuditSink, type AuditSink } from '../audit/audit-log.js';
import { createBackend } from '../backend/client.js';
import { parseBackendOptions } from '../backend/options.js';
import type { LoadedConfig } from '../config/load.js';
import { loadSecurityConfig } from '../config/security/load.js';
import { indexVersionLog } from '../config/store/index-log.js';
import { ConfigStore } from '../config/store/store.js';
import { changedEntries, exportConfig, importConfig } from '../config/store/transfer.js';

/**
 * `searchgate config import|export <folder>` against the backend named in searchgate.yml. Needs a `store`
 * section: without one the configuration lives in each gateway's memory and there is nothing to import into.
 */
export interface ConfigCommandOptions {
  readonly audit?: readonly AuditSink[];
  /** Recorded as the author of an import (default: the OS user, as `cli:<name>`). */
  readonly author?: string;
  readonly print?: (line: string) => void;
}

export async function runConfigCommand(
  loaded: LoadedConfig,
  action: 'import' | 'export',
  folder: string,
  options: ConfigCommandOptions = {},
): Promise<{ version: number; changed: boolean; entries: string[] }> {
  const { config } = loaded;
  const print = options.print ?? ((line: string) => console.log(line));
  if (!config.store.durable) {
    throw new Error(`${loaded.file} sets store.durable: false: the security configuration is not kept on the backend`);
  }
  const backend = await createBackend(parseBackendOptions(config.backend));
  let store: ConfigStore | undefined;
  try {
    store = await ConfigStore.open(indexVersionLog(backend.client, config.store.index), {
      initial: () => loadSecurityConfig(config.security.configDir),
      pollIntervalMs: 0,
    });
    const target = resolve(folder);
    if (action === 'export') {
      const out = await exportConfig(store, target);
      print(`exported configuration version ${out.version} to ${target}`);
      return { version: out.version, changed: false, entries: [] };
    }
    const author = options.author ?? `cli:${safeUserName()}`;
    const out = await importConfig(store, target, author);
    if (!out.changed) {
      print(`no change: ${target} matches configuration version ${out.version}`);
    } else {
      const audit = new AuditLog(options.audit ?? [stdoutAuditSink()]);
      const { before, after } = changedEntries(out.before.config, out.after.config, out.entries);
      audit.record({ category: 'COMPLIANCE_INTERNAL_CONFIG_WRITE', user: author, operation: 'IMPORT', resource: target, configVersion: out.version, before, after });
      print(`imported ${target} as configuration version ${out.version}: ${out.entries.length} entries changed`);
      for (const e of out.entries) print(`  ${e}`);
    }
    return { version: out.version, changed: out.changed, entries: out.entries };
  } finally {
    store?.close();
    await backend.close();
  }
}

function safeUserName(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}

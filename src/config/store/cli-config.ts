import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { join, resolve } from 'node:path';
import { AuditLog, stdoutAuditSink, type AuditSink } from '../../audit/audit-log.js';
import { createBackend } from '../../backend/client.js';
import { parseBackendOptions } from '../../backend/options.js';
import type { LoadedConfig } from '../load.js';
import { loadSecurityConfig, type SecurityTexts } from '../security/load.js';
import { SECURITY_FILE_NAMES } from '../../authz/security-schemas.js';
import { indexVersionLog } from './index-log.js';
import { ConfigStore } from './store.js';
import { changedEntries, exportConfig, importConfig } from './transfer.js';
import { callControlSocket, type ExportReply, type ImportReply, type ImportRequest } from './control-socket.js';

/**
 * `searchgate config import|export <folder>` against the backend named in searchgate.yml — through the running
 * gateway when one holds the embedded engine's data folder. Needs a `store`
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
  const viaGateway = await throughRunningGateway(loaded, action, folder, options, print);
  if (viaGateway) return viaGateway;
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

/**
 * On the embedded engine a running gateway holds the data folder's lock; it then serves these commands on its
 * control socket (src/config/store/control-socket.ts). Undefined when no gateway runs there (or on a real node, whose
 * store every process may open): the caller opens the store itself.
 */
async function throughRunningGateway(
  loaded: LoadedConfig,
  action: 'import' | 'export',
  folder: string,
  options: ConfigCommandOptions,
  print: (line: string) => void,
): Promise<{ version: number; changed: boolean; entries: string[] } | undefined> {
  const backend = loaded.config.backend as { url?: string; embedded?: { dataDir?: string } };
  const dataDir = backend.url === undefined ? backend.embedded?.dataDir : undefined;
  if (dataDir === undefined) return undefined;
  const target = resolve(folder);
  if (action === 'export') {
    const out = await callControlSocket<ExportReply>(dataDir, '/config/export', {});
    if (!out) return undefined;
    await mkdir(target, { recursive: true });
    for (const f of SECURITY_FILE_NAMES) await writeFile(join(target, `${f}.yml`), out.texts[f] ?? '', 'utf8');
    print(`exported configuration version ${out.version} to ${target} (through the running gateway)`);
    return { version: out.version, changed: false, entries: [] };
  }
  const texts: SecurityTexts = {};
  for (const f of SECURITY_FILE_NAMES) {
    try {
      texts[f] = await readFile(join(target, `${f}.yml`), 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
  }
  const author = options.author ?? `cli:${safeUserName()}`;
  const out = await callControlSocket<ImportReply>(dataDir, '/config/import', { texts, source: target, author } satisfies ImportRequest);
  if (!out) return undefined;
  if (!out.changed) print(`no change: ${target} matches configuration version ${out.version} (checked by the running gateway)`);
  else {
    print(`imported ${target} as configuration version ${out.version} through the running gateway: ${out.entries.length} entries changed`);
    for (const e of out.entries) print(`  ${e}`);
  }
  return out;
}

function safeUserName(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}

import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { canonicalJson } from '../../authz/canonical.js';
import { loadSecurityConfig } from '../security/load.js';
import { SECURITY_FILE_NAMES, type SecurityFileName } from '../security/schemas.js';
import { filesOf } from './record.js';
import type { ConfigSnapshot, ConfigStore } from './store.js';

/**
 * `searchgate config export|import`: the store's newest version as the plugin's five YAML files, and a folder
 * of them as the next version. Import is the superadmin path (like the plugin's securityadmin tool): it may set
 * reserved/hidden entries and replaces the whole configuration, after the same validation as at start-up.
 * Exporting and importing unchanged files writes nothing.
 */
export async function exportConfig(store: ConfigStore, folder: string): Promise<{ version: number; files: string[] }> {
  await store.refresh();
  const snapshot = store.current;
  const files = filesOf(snapshot.config.documents);
  await mkdir(folder, { recursive: true });
  const written: string[] = [];
  for (const f of SECURITY_FILE_NAMES) {
    const path = join(folder, `${f}.yml`);
    const header = `# Exported by searchgate from configuration version ${snapshot.version} (${snapshot.timestamp}, by ${snapshot.author}).\n`;
    await writeFile(path, header + stringify(files[f], { lineWidth: 0 }), 'utf8');
    written.push(path);
  }
  return { version: snapshot.version, files: written };
}

export interface ImportOutcome {
  readonly changed: boolean;
  readonly version: number;
  readonly before: ConfigSnapshot;
  readonly after: ConfigSnapshot;
  /** `file/entry` of every entry added, changed or removed. */
  readonly entries: string[];
}

export async function importConfig(store: ConfigStore, folder: string, author: string): Promise<ImportOutcome> {
  const config = await loadSecurityConfig(folder);
  const outcome = await store.update(
    (s) => {
      const entries: string[] = [];
      for (const f of SECURITY_FILE_NAMES) {
        const before = s.config.documents[f] as Record<string, unknown>;
        const after = config.documents[f] as Record<string, unknown>;
        for (const name of new Set([...Object.keys(before), ...Object.keys(after)])) {
          if (canonicalJson(before[name]) !== canonicalJson(after[name])) entries.push(`${f}/${name}`);
        }
      }
      return { next: entries.length > 0 ? config : undefined, summary: `import ${folder}`, result: entries.sort() };
    },
    { author },
  );
  return { changed: outcome.written, version: outcome.after.version, before: outcome.before, after: outcome.after, entries: outcome.result };
}

/** The entries an import changed, before and after, for the audit log (the AuditLog drops hashes). */
export function changedEntries(
  before: { documents: Readonly<Record<SecurityFileName, Readonly<Record<string, unknown>>>> },
  after: { documents: Readonly<Record<SecurityFileName, Readonly<Record<string, unknown>>>> },
  entries: readonly string[],
): { before: Record<string, unknown>; after: Record<string, unknown> } {
  const pick = (docs: typeof before.documents) =>
    Object.fromEntries(
      entries.map((e) => {
        const [file, ...rest] = e.split('/');
        return [e, docs[file as SecurityFileName]?.[rest.join('/')] ?? null];
      }),
    );
  return { before: pick(before.documents), after: pick(after.documents) };
}

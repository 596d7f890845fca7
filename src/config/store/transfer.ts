import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { canonicalJson } from '../../authz/canonical.js';
import { loadSecurityConfig } from '../security/load.js';
import type { SecurityConfig } from '../../authz/model.js';
import { SECURITY_FILE_NAMES, type SecurityFileName } from '../../authz/security-schemas.js';
import { filesOf } from './record.js';
import type { ConfigSnapshot, ConfigStore } from './store.js';

/**
 * `searchgate config export|import`: the store's newest version as the plugin's five YAML files, and a folder
 * of them as the next version. Import is the superadmin path (like the plugin's securityadmin tool): it may set
 * reserved/hidden entries and replaces the whole configuration, after the same validation as at start-up.
 * Exporting and importing unchanged files writes nothing.
 */
export async function exportConfig(store: ConfigStore, folder: string): Promise<{ version: number; files: string[] }> {
  const out = await exportTexts(store);
  await mkdir(folder, { recursive: true });
  const written: string[] = [];
  for (const f of SECURITY_FILE_NAMES) {
    const path = join(folder, `${f}.yml`);
    await writeFile(path, out.texts[f], 'utf8');
    written.push(path);
  }
  return { version: out.version, files: written };
}

/** The newest version as the five files' YAML texts (what export writes, also sent by a running gateway). */
export async function exportTexts(store: ConfigStore): Promise<{ version: number; texts: Record<SecurityFileName, string> }> {
  await store.refresh();
  const snapshot = store.current;
  const files = filesOf(snapshot.config.documents);
  const header = `# Exported by searchgate from configuration version ${snapshot.version} (${snapshot.timestamp}, by ${snapshot.author}).\n`;
  const texts = Object.fromEntries(SECURITY_FILE_NAMES.map((f) => [f, header + stringify(files[f], { lineWidth: 0 })])) as Record<SecurityFileName, string>;
  return { version: snapshot.version, texts };
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
  return importSecurity(store, await loadSecurityConfig(folder), folder, author);
}

/** Makes `config` the next version unless it equals the one in force; `source` names it in the version's summary. */
export async function importSecurity(store: ConfigStore, config: SecurityConfig, source: string, author: string): Promise<ImportOutcome> {
  const outcome = await store.update(
    (s) => {
      const entries = differingEntries(s.config.documents, config.documents);
      return { next: entries.length > 0 ? config : undefined, summary: `import ${source}`, result: entries };
    },
    { author },
  );
  return { changed: outcome.written, version: outcome.after.version, before: outcome.before, after: outcome.after, entries: outcome.result };
}

type Documents = Readonly<Record<SecurityFileName, Readonly<Record<string, unknown>>>>;

/** `file/entry` of every entry that differs between two configurations (added, changed or removed), sorted. */
export function differingEntries(before: Documents, after: Documents): string[] {
  const entries: string[] = [];
  for (const f of SECURITY_FILE_NAMES) {
    const b = before[f];
    const a = after[f];
    for (const name of new Set([...Object.keys(b), ...Object.keys(a)])) {
      if (canonicalJson(b[name]) !== canonicalJson(a[name])) entries.push(`${f}/${name}`);
    }
  }
  return entries.sort();
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

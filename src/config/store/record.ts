import { canonicalJson } from '../../authz/canonical.js';
import type { SecurityConfig, SecurityConfigInput, SecurityDocuments } from '../../authz/model.js';
import { SECURITY_FILE_NAMES, SECURITY_FILES, type SecurityFileName } from '../../authz/security-schemas.js';

/**
 * One version of the security configuration as stored: the five files whole (the plugin's YAML structures as
 * JSON, `_meta` included), who wrote it and when, and the version each entry last changed in. Versions are
 * contiguous from 1; a version is never rewritten.
 */
export interface StoredConfig {
  readonly version: number;
  readonly timestamp: string;
  readonly author: string;
  /** What the change was, for people reading the history (`put roles/x`, `import /etc/...`). */
  readonly summary: string;
  readonly files: Readonly<Record<SecurityFileName, Record<string, unknown>>>;
  readonly entryVersions: EntryVersions;
}

/** file -> entry name -> the config version that last changed it. */
export type EntryVersions = Readonly<Record<SecurityFileName, Readonly<Record<string, number>>>>;

/** The documents as files again: what export writes and what `parseSecurityConfig` reads back unchanged. */
export function filesOf(documents: SecurityDocuments): Record<SecurityFileName, Record<string, unknown>> {
  const out = {} as Record<SecurityFileName, Record<string, unknown>>;
  for (const f of SECURITY_FILE_NAMES) {
    out[f] = { _meta: { type: SECURITY_FILES[f], config_version: 2 }, ...structuredClone(documents[f]) };
  }
  return out;
}

export function inputOf(record: StoredConfig): SecurityConfigInput {
  return { ...record.files };
}

/**
 * Carries entry versions forward: an entry whose content changed (or is new) gets `version`, unchanged ones
 * keep theirs, removed ones disappear.
 */
export function nextEntryVersions(
  before: SecurityConfig | undefined,
  beforeVersions: EntryVersions | undefined,
  after: SecurityConfig,
  version: number,
): EntryVersions {
  const out = {} as Record<SecurityFileName, Record<string, number>>;
  for (const f of SECURITY_FILE_NAMES) {
    const prev = (before?.documents[f] ?? {}) as Record<string, unknown>;
    const prevVersions = beforeVersions?.[f] ?? {};
    const next: Record<string, number> = {};
    for (const [name, entry] of Object.entries(after.documents[f] as Record<string, unknown>)) {
      const old = Object.hasOwn(prev, name) ? prev[name] : undefined;
      const unchanged = old !== undefined && canonicalJson(old) === canonicalJson(entry) && prevVersions[name] !== undefined;
      next[name] = unchanged ? prevVersions[name]! : version;
    }
    out[f] = next;
  }
  return out;
}

/** The document id of a version: zero-padded so ids sort like versions. */
export function versionId(version: number): string {
  return String(version).padStart(12, '0');
}

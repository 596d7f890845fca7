import type { Client } from '@opensearch-project/opensearch';
import { backendStatus, ensureIndex } from '../../backend/ensure-index.js';
import { SECURITY_FILE_NAMES } from '../../authz/security-schemas.js';
import { versionId, type StoredConfig } from './record.js';
import { StoreReadError, type VersionLog } from './version-log.js';

/**
 * The configuration versions in a system index, through the one backend client (so the embedded engine and a
 * real node behave alike). Each version is a document `_id = zero-padded version`, created with
 * `op_type=create`: the backend itself refuses a second document for the same version (409), which is what
 * makes concurrent writers on different instances safe without any lock.
 *
 * The files are kept under an object with `enabled: false`: stored in `_source`, never indexed, so role and
 * user names do not become mapped fields (and cannot hit the field limit or a mapping conflict).
 */
const MAPPINGS = {
  dynamic: 'strict',
  properties: {
    version: { type: 'long' },
    timestamp: { type: 'date' },
    author: { type: 'keyword' },
    summary: { type: 'keyword', ignore_above: 1024 },
    files: { type: 'object', enabled: false },
    entry_versions: { type: 'object', enabled: false },
  },
};

interface StoredSource {
  version: number;
  timestamp: string;
  author: string;
  summary: string;
  files: Record<string, Record<string, unknown>>;
  entry_versions: Record<string, Record<string, number>>;
}

export function indexVersionLog(client: Client, index: string): VersionLog {
  const describe = `index ${index}`;

  const read = async (version: number): Promise<StoredConfig | undefined> => {
    if (version < 1) return undefined;
    // A get by id is real-time: it sees a version the moment it is written, refresh or not.
    const res = await client.get({ index, id: versionId(version) }, { ignore: [404] });
    const body = res.body as { found?: boolean; _source?: StoredSource; error?: { type?: string } };
    // A missing index is not "no newer version": the store is gone, and saying so beats silently standing still.
    if (body.error?.type === 'index_not_found_exception') throw new StoreReadError(`the store index ${index} does not exist`);
    if (res.statusCode === 404 || !body.found) return undefined;
    return fromSource(body._source, version);
  };

  return {
    description: describe,
    durable: true,
    prepare: () => ensureIndex(client, index, MAPPINGS),
    async latest() {
      // Search finds the newest *refreshed* version; real-time gets then walk forward past any newer ones.
      await client.indices.refresh({ index }, { ignore: [404] });
      const res = await client.search({
        index,
        body: { size: 1, sort: [{ version: { order: 'desc' } }], _source: ['version'], query: { match_all: {} } } as never,
      });
      const hit = (res.body as { hits: { hits: { _source?: { version?: number } }[] } }).hits.hits[0];
      let version = typeof hit?._source?.version === 'number' ? hit._source.version : 0;
      while ((await read(version + 1)) !== undefined) version++;
      return version;
    },
    read,
    async append(record) {
      const source: StoredSource = {
        version: record.version,
        timestamp: record.timestamp,
        author: record.author,
        summary: record.summary,
        files: record.files,
        entry_versions: record.entryVersions,
      };
      try {
        await client.create({ index, id: versionId(record.version), body: source as never, refresh: 'true' } as never);
        return 'created';
      } catch (err) {
        if (backendStatus(err) === 409) return 'conflict';
        throw err;
      }
    },
  };
}

function fromSource(source: StoredSource | undefined, version: number): StoredConfig {
  if (!source || source.version !== version || typeof source.files !== 'object' || source.files === null) {
    throw new StoreReadError(`stored configuration version ${version} is malformed`);
  }
  const files = {} as Record<(typeof SECURITY_FILE_NAMES)[number], Record<string, unknown>>;
  const entryVersions = {} as Record<(typeof SECURITY_FILE_NAMES)[number], Record<string, number>>;
  for (const f of SECURITY_FILE_NAMES) {
    files[f] = source.files[f] ?? {};
    entryVersions[f] = source.entry_versions?.[f] ?? {};
  }
  return { version, timestamp: source.timestamp, author: source.author, summary: source.summary ?? '', files, entryVersions };
}

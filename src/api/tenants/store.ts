import { createHash } from 'node:crypto';
import type { Client } from '@opensearch-project/opensearch';
import { backendStatus, ensureIndex } from '../../backend/ensure-index.js';
import type { TenantRef } from '../../authz/tenant-select.js';
import { savedSearchDefinition, type SavedSearchDefinition } from './definition.js';

/**
 * Saved searches in a system index on the backend, through the one client (so the embedded engine and a real
 * node behave alike and every gateway instance sees the same searches). One document per (tenant, name):
 * writes are compare-and-set on the document's `_seq_no`/`_primary_term`, so of two concurrent writers exactly
 * one wins and the other gets a conflict; never a lost update. A deletion keeps a tombstone, so a name's
 * version keeps counting up and a client holding a version from before the deletion cannot overwrite a newer
 * search of the same name.
 */
const MAPPINGS = {
  dynamic: 'strict',
  properties: {
    tenant: { type: 'keyword' },
    /** The private tenant's user; empty for shared tenants. */
    owner: { type: 'keyword' },
    name: { type: 'keyword' },
    version: { type: 'long' },
    deleted: { type: 'boolean' },
    /** Bytes of the definition as JSON: what the quotas count. */
    bytes: { type: 'long' },
    created_by: { type: 'keyword' },
    created_at: { type: 'date' },
    updated_by: { type: 'keyword' },
    updated_at: { type: 'date' },
    // Stored, never indexed: a definition's where/variables keys must not become mapped fields.
    definition: { type: 'object', enabled: false },
  },
};

const PRIVATE = '__user__';

interface StoredSource {
  tenant: string;
  owner: string;
  name: string;
  version: number;
  deleted: boolean;
  /** Absent on searches saved before quotas existed (counted as 0 bytes). */
  bytes?: number;
  created_by: string;
  created_at: string;
  updated_by: string;
  updated_at: string;
  definition: SavedSearchDefinition | null;
}

export interface SavedSearchRecord {
  readonly name: string;
  readonly version: number;
  readonly definition: SavedSearchDefinition;
  readonly createdBy: string;
  readonly createdAt: string;
  readonly updatedBy: string;
  readonly updatedAt: string;
}

/** A write lost to a newer version (stale `expectedVersion`, or a concurrent writer). */
export class SavedSearchConflict extends Error {
  constructor(readonly currentVersion: number) {
    super(`the saved search is at version ${currentVersion}`);
    this.name = 'SavedSearchConflict';
  }
}

export class SavedSearchNotFound extends Error {
  constructor() {
    super('no such saved search');
    this.name = 'SavedSearchNotFound';
  }
}

/** A write that would take a tenant or a user over a quota, or a search over the size cap. */
export class SavedSearchLimit extends Error {
  constructor(
    message: string,
    readonly quota: keyof SavedSearchQuotas,
    readonly max: number,
  ) {
    super(message);
    this.name = 'SavedSearchLimit';
  }
}

/**
 * What saved searches may take up. A user's share is what they last wrote (`updated_by`), across every tenant;
 * a tenant's is everything in it. Checked before each write; two writers racing may overshoot by one search each.
 */
export interface SavedSearchQuotas {
  readonly maxPerTenant: number;
  readonly maxBytesPerTenant: number;
  readonly maxPerUser: number;
  readonly maxBytesPerUser: number;
  /** Bytes of one definition as JSON. */
  readonly maxSearchBytes: number;
}

/** A stored document that does not parse: refused rather than run or shown half-read. */
export class SavedSearchCorrupt extends Error {}

/** The system index is gone or unreadable: nothing is listed as if the tenant were empty. */
export class SavedSearchUnavailable extends Error {}

export interface WriteOptions {
  /** The version the writer last read; 0 means "must not exist". Undefined writes whatever is there. */
  readonly expectedVersion?: number | undefined;
  readonly author: string;
  readonly now?: Date;
}

const tenantKey = (ref: TenantRef) => (ref.kind === 'shared' ? { tenant: ref.name, owner: '' } : { tenant: PRIVATE, owner: ref.owner });

/** Ids are hashes: names and user names may hold anything, and ids must stay short and unambiguous. */
export function savedSearchId(ref: TenantRef, name: string): string {
  const { tenant, owner } = tenantKey(ref);
  return createHash('sha256').update(JSON.stringify([tenant, owner, name])).digest('hex');
}

interface Current {
  readonly source: StoredSource;
  readonly seqNo: number;
  readonly primaryTerm: number;
}

export class SavedSearchStore {
  constructor(
    private readonly client: Client,
    readonly index: string,
    readonly quotas: SavedSearchQuotas,
  ) {}

  async prepare(): Promise<void> {
    await ensureIndex(this.client, this.index, MAPPINGS);
    // Indices created before quotas existed lack `bytes`; adding a field to a mapping is idempotent.
    await this.client.indices.putMapping({ index: this.index, body: { properties: { bytes: MAPPINGS.properties.bytes } } as never });
  }

  /** At most `first` searches of a tenant, by name, after the name `after`. */
  async list(ref: TenantRef, first: number, after?: string): Promise<SavedSearchRecord[]> {
    const { tenant, owner } = tenantKey(ref);
    const res = await this.client.search({
      index: this.index,
      body: {
        size: first,
        query: { bool: { filter: [{ term: { tenant } }, { term: { owner } }, { term: { deleted: false } }] } },
        sort: [{ name: { order: 'asc' } }],
        ...(after !== undefined ? { search_after: [after] } : {}),
      } as never,
    });
    const hits = (res.body as { hits: { hits: { _source?: StoredSource }[] } }).hits.hits;
    return hits.map((h) => toRecord(h._source));
  }

  async get(ref: TenantRef, name: string): Promise<SavedSearchRecord | undefined> {
    const current = await this.current(ref, name);
    return current && !current.source.deleted ? toRecord(current.source) : undefined;
  }

  async save(ref: TenantRef, name: string, definition: SavedSearchDefinition, options: WriteOptions): Promise<SavedSearchRecord> {
    const current = await this.current(ref, name);
    const live = current && !current.source.deleted ? current.source : undefined;
    checkExpected(live?.version ?? 0, options.expectedVersion);
    const bytes = Buffer.byteLength(JSON.stringify(definition));
    if (bytes > this.quotas.maxSearchBytes) {
      throw new SavedSearchLimit(`a saved search may take at most ${this.quotas.maxSearchBytes} bytes; this one takes ${bytes}`, 'maxSearchBytes', this.quotas.maxSearchBytes);
    }
    await this.checkQuotas(ref, options.author, bytes, live);
    const at = (options.now ?? new Date()).toISOString();
    const source: StoredSource = {
      ...tenantKey(ref),
      name,
      version: (current?.source.version ?? 0) + 1,
      deleted: false,
      bytes,
      created_by: live?.created_by ?? options.author,
      created_at: live?.created_at ?? at,
      updated_by: options.author,
      updated_at: at,
      definition,
    };
    await this.write(ref, name, source, current);
    return toRecord(source);
  }

  /** Removes a saved search; returns the version of the deletion. */
  async delete(ref: TenantRef, name: string, options: WriteOptions): Promise<number> {
    const current = await this.current(ref, name);
    if (!current || current.source.deleted) throw new SavedSearchNotFound();
    checkExpected(current.source.version, options.expectedVersion);
    const at = (options.now ?? new Date()).toISOString();
    const tombstone: StoredSource = {
      ...current.source,
      version: current.source.version + 1,
      deleted: true,
      updated_by: options.author,
      updated_at: at,
      definition: null,
    };
    await this.write(ref, name, tombstone, current);
    return tombstone.version;
  }

  /** Refuses a write that would take the tenant or the author over a quota; `replacing` is freed by the write. */
  private async checkQuotas(ref: TenantRef, author: string, bytes: number, replacing: StoredSource | undefined): Promise<void> {
    const { tenant, owner } = tenantKey(ref);
    const res = await this.client.search({
      index: this.index,
      body: {
        size: 0,
        track_total_hits: false,
        query: { term: { deleted: false } },
        aggs: {
          tenant: { filter: { bool: { filter: [{ term: { tenant } }, { term: { owner } }] } }, aggs: { bytes: { sum: { field: 'bytes' } } } },
          user: { filter: { term: { updated_by: author } }, aggs: { bytes: { sum: { field: 'bytes' } } } },
        },
      } as never,
    });
    type Usage = { doc_count: number; bytes: { value: number | null } };
    const aggs = (res.body as unknown as { aggregations: { tenant: Usage; user: Usage } }).aggregations;
    const q = this.quotas;
    const freedTenant = replacing ? { count: 1, bytes: replacing.bytes ?? 0 } : { count: 0, bytes: 0 };
    const freedUser = replacing?.updated_by === author ? freedTenant : { count: 0, bytes: 0 };
    const checks: [keyof SavedSearchQuotas, number, string][] = [
      ['maxPerTenant', aggs.tenant.doc_count - freedTenant.count + 1, 'searches in this tenant'],
      ['maxBytesPerTenant', (aggs.tenant.bytes.value ?? 0) - freedTenant.bytes + bytes, 'bytes of searches in this tenant'],
      ['maxPerUser', aggs.user.doc_count - freedUser.count + 1, 'searches saved by you'],
      ['maxBytesPerUser', (aggs.user.bytes.value ?? 0) - freedUser.bytes + bytes, 'bytes of searches saved by you'],
    ];
    for (const [quota, after, what] of checks) {
      if (after > q[quota]) throw new SavedSearchLimit(`the quota is ${q[quota]} ${what}; this save would make it ${after}`, quota, q[quota]);
    }
  }

  /** A real-time get: sees the newest write, refresh or not, with what compare-and-set needs. */
  private async current(ref: TenantRef, name: string): Promise<Current | undefined> {
    const res = await this.client.get({ index: this.index, id: savedSearchId(ref, name) }, { ignore: [404] });
    const body = res.body as { found?: boolean; _source?: StoredSource; _seq_no?: number; _primary_term?: number; error?: unknown };
    if (body.error !== undefined) throw new SavedSearchUnavailable(`saved-search index ${this.index} is unreadable`);
    if (!body.found || !body._source) return undefined;
    if (typeof body._seq_no !== 'number' || typeof body._primary_term !== 'number') throw new SavedSearchCorrupt('no _seq_no on a saved search');
    return { source: body._source, seqNo: body._seq_no, primaryTerm: body._primary_term };
  }

  /** Creates (when nothing was there) or replaces exactly the document that was read; a 409 is a lost race. */
  private async write(ref: TenantRef, name: string, source: StoredSource, read: Current | undefined): Promise<void> {
    const id = savedSearchId(ref, name);
    try {
      if (read) {
        await this.client.index({
          index: this.index, id, body: source as never, refresh: 'true', if_seq_no: read.seqNo, if_primary_term: read.primaryTerm,
        } as never);
      } else {
        await this.client.create({ index: this.index, id, body: source as never, refresh: 'true' } as never);
      }
    } catch (err) {
      if (backendStatus(err) !== 409) throw err;
      const now = await this.current(ref, name);
      throw new SavedSearchConflict(now && !now.source.deleted ? now.source.version : 0);
    }
  }
}

/** `expectedVersion` 0 means "must not exist"; any other value must be the live version. */
function checkExpected(liveVersion: number, expected: number | undefined): void {
  if (expected !== undefined && expected !== liveVersion) throw new SavedSearchConflict(liveVersion);
}

function toRecord(source: StoredSource | undefined): SavedSearchRecord {
  const parsed = savedSearchDefinition.safeParse(source?.definition);
  if (!source || !parsed.success || typeof source.version !== 'number') throw new SavedSearchCorrupt('a stored saved search is malformed');
  return {
    name: source.name,
    version: source.version,
    definition: parsed.data,
    createdBy: source.created_by,
    createdAt: source.created_at,
    updatedBy: source.updated_by,
    updatedAt: source.updated_at,
  };
}

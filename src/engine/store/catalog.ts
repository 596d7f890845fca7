/**
 * The engine's in-memory state: indices and aliases. Every live mutation validates completely, then changes
 * state synchronously and returns the log records that describe the outcome; nothing awaits in between,
 * so concurrent requests never observe a half-applied operation. `apply` replays those records on open.
 */
import { EngineError } from '../errors.js';
import { SearchIndex, type SeqNoCondition, type StoredDoc } from '../index/search-index.js';
import { validateAliasName, validateIndexName } from './names.js';
import { aliasesNotFound, indexNotFound } from './not-found.js';
import type { AliasProps, LogRecord } from './records.js';

export interface IndexEntry {
  readonly index: SearchIndex;
  /** Settings as given at creation (what a snapshot must restore; GET renders SearchIndex.getSettings). */
  readonly settings: unknown;
}

export interface DocWrite {
  result: 'created' | 'updated' | 'deleted' | 'not_found';
  version: number;
  seqNo: number;
  primaryTerm: number;
  /** The index's `number_of_replicas` (a write reports 1 + this many shard copies). */
  replicas: number;
}

export class Catalog {
  private readonly indices = new Map<string, IndexEntry>();
  /** alias -> (index -> properties) */
  private readonly aliases = new Map<string, Map<string, AliasProps>>();

  indexNames(): string[] {
    return [...this.indices.keys()];
  }

  aliasNames(): string[] {
    return [...this.aliases.keys()];
  }

  get(name: string): SearchIndex | undefined {
    return this.indices.get(name)?.index;
  }

  entry(name: string): IndexEntry | undefined {
    return this.indices.get(name);
  }

  /** The existing index or throw 404 index_not_found_exception. */
  require(name: string): SearchIndex {
    const ix = this.get(name);
    if (!ix) throw indexNotFound(name);
    return ix;
  }

  aliasTargets(alias: string): ReadonlyMap<string, AliasProps> | undefined {
    return this.aliases.get(alias);
  }

  aliasesOf(index: string): [string, AliasProps][] {
    const out: [string, AliasProps][] = [];
    for (const [alias, targets] of this.aliases) {
      const props = targets.get(index);
      if (props) out.push([alias, props]);
    }
    return out.sort(([a], [b]) => a.localeCompare(b));
  }

  // ---- live mutations -------------------------------------------------------------------------------

  /** Validate a creation without performing it (so a create with aliases can check everything first). */
  checkCreate(name: string): void {
    validateIndexName(name);
    const existing = this.indices.get(name);
    if (existing) {
      throw new EngineError(400, 'resource_already_exists_exception', `index [${name}/${existing.index.uuid}] already exists`, {
        index: name,
        index_uuid: existing.index.uuid,
      });
    }
    if (this.aliases.has(name)) {
      throw new EngineError(400, 'invalid_index_name_exception', `Invalid index name [${name}], already exists as alias`, {
        index: name,
        index_uuid: '_na_',
      });
    }
  }

  createIndex(name: string, body: { mappings?: unknown; settings?: unknown }): LogRecord {
    this.checkCreate(name);
    const index = new SearchIndex(name, { mappings: body.mappings, settings: body.settings });
    index.aliasesNow = () => this.aliasesOf(name);
    this.indices.set(name, { index, settings: body.settings });
    return {
      t: 'create_index', index: name, uuid: index.uuid, createdAt: index.createdAt,
      ...(body.mappings !== undefined ? { mappings: body.mappings } : {}),
      ...(body.settings !== undefined ? { settings: body.settings } : {}),
    };
  }

  deleteIndex(name: string): LogRecord {
    this.require(name);
    this.dropIndex(name);
    return { t: 'delete_index', index: name };
  }

  putMapping(name: string, mappings: unknown): LogRecord {
    this.require(name).putMappings(mappings);
    return { t: 'put_mapping', index: name, mappings };
  }

  checkAlias(index: string, alias: string): void {
    this.require(index);
    validateAliasName(alias);
    if (this.indices.has(alias)) {
      throw new EngineError(400, 'invalid_alias_name_exception',
        `Invalid alias name [${alias}]: an index or data stream exists with the same name as the alias`);
    }
  }

  putAlias(index: string, alias: string, props: AliasProps): LogRecord {
    this.checkAlias(index, alias);
    this.setAlias(index, alias, props);
    return { t: 'put_alias', index, alias, props };
  }

  checkRemoveAlias(index: string, alias: string): void {
    this.require(index);
    if (!this.aliases.get(alias)?.has(index)) throw aliasesNotFound([alias]);
  }

  removeAlias(index: string, alias: string): LogRecord {
    this.checkRemoveAlias(index, alias);
    this.unsetAlias(index, alias);
    return { t: 'remove_alias', index, alias };
  }

  /** `ifMatch`: compare-and-set; a mismatch throws 409 and changes nothing (so no record is returned). */
  indexDoc(name: string, id: string, source: Record<string, unknown>, opType: 'index' | 'create',
    ifMatch?: SeqNoCondition): DocWrite & { record: LogRecord } {
    const ix = this.require(name);
    const r = ix.index(id, source, { opType, ifMatch });
    const doc: StoredDoc = { id, source, version: r.version, seqNo: r.seqNo, primaryTerm: r.primaryTerm };
    return { ...r, replicas: ix.replicas, record: { t: 'index', index: name, doc } };
  }

  deleteDoc(name: string, id: string, ifMatch?: SeqNoCondition): DocWrite & { record: LogRecord } {
    const ix = this.require(name);
    const r = ix.delete(id, { ifMatch });
    return { ...r, replicas: ix.replicas, record: { t: 'delete', index: name, id } };
  }

  // ---- replay ---------------------------------------------------------------------------------------

  apply(rec: LogRecord): void {
    switch (rec.t) {
      case 'create_index': {
        const index = new SearchIndex(rec.index, { mappings: rec.mappings, settings: rec.settings });
        // Keep the identity the index was created with, so uuids and creation dates survive restarts.
        Object.assign(index, { uuid: rec.uuid, createdAt: rec.createdAt });
        index.aliasesNow = () => this.aliasesOf(rec.index);
        this.indices.set(rec.index, { index, settings: rec.settings });
        return;
      }
      case 'delete_index':
        this.require(rec.index);
        this.dropIndex(rec.index);
        return;
      case 'put_mapping':
        this.require(rec.index).putMappings(rec.mappings);
        return;
      case 'put_alias':
        this.require(rec.index);
        this.setAlias(rec.index, rec.alias, rec.props);
        return;
      case 'remove_alias':
        this.unsetAlias(rec.index, rec.alias);
        return;
      case 'index':
        this.require(rec.index).restore(rec.doc);
        this.require(rec.index).markReplayed();
        return;
      case 'delete':
        this.require(rec.index).delete(rec.id);
        this.require(rec.index).markReplayed();
        return;
      default:
        throw new Error(`unknown log record type ${JSON.stringify((rec as { t?: unknown }).t)}`);
    }
  }

  private dropIndex(name: string): void {
    this.indices.delete(name);
    for (const [alias, targets] of this.aliases) {
      targets.delete(name);
      if (targets.size === 0) this.aliases.delete(alias);
    }
  }

  private setAlias(index: string, alias: string, props: AliasProps): void {
    let targets = this.aliases.get(alias);
    if (!targets) this.aliases.set(alias, (targets = new Map()));
    targets.set(index, props);
  }

  private unsetAlias(index: string, alias: string): void {
    const targets = this.aliases.get(alias);
    targets?.delete(index);
    if (targets && targets.size === 0) this.aliases.delete(alias);
  }
}

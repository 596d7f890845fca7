/**
 * One index: its mapping, stored documents and the per-field structures queries run on. Documents get a
 * dense internal number (`ord`) in indexing order; replacing or deleting a doc leaves a tombstone that
 * queries mask out, and the index compacts itself when tombstones dominate.
 */
import { parseJson, stringifyJson } from './exact-numbers.js';
import { randomBytes } from 'node:crypto';
import { EngineError } from '../errors.js';
import { parseDocument } from './document-parser.js';
import { ensureFloat64, ensureUint8 } from './int-list.js';
import { KeywordFieldIndex } from './keyword-field.js';
import {
  collectLeaves, collectObjects, mergeRoot, parseRootMapping, renderRoot,
  type LeafField, type ObjectField, type RootMapping,
} from './mapping.js';
import { NumericFieldIndex } from './numeric-field.js';
import { TextFieldIndex, type TextImageMeta } from './text-field.js';
import { SourceStore } from './source-store.js';
import { BlobReader, bytesOf, float64s, readStrings, stringsBlob, type Blob, type Image } from './image.js';
import type { KeywordImageMeta } from './keyword-field.js';
import type { NumericImageMeta } from './numeric-field.js';

/** What a snapshot keeps of an index besides its mapping and settings (see `image`). */
export interface IndexImageMeta {
  maxOrd: number;
  deletedCount: number;
  nextSeqNo: number;
  /** Number of `_id`s / sources in each of their blobs (see source-store.ts). */
  idBlobs: number[];
  sourceBlobs: number[];
  /** Field path and its structures' description, in blob order after the document blobs. */
  fields: [string, TextImageMeta | KeywordImageMeta | NumericImageMeta][];
  /** Number of deleted ids whose last version is kept (so a re-created doc continues it), in two blobs
   *  after the fields' (ids, versions). Absent in format 2 snapshots, which lost them. */
  deletedVersions?: number;
  /** Write batches that took doc ids (see `docIdBatches`); absent (unknown) in images of older versions. */
  docIdBatches?: number;
}

/** OpenSearch 3.6 (TieredMergePolicy, 10 segments per tier) merges once an 11th segment appears, which
 *  renumbers its Lucene doc ids (tombstones it keeps may move first). Each refresh after a write makes a
 *  segment, so up to this many write batches the doc ids are the engine's ords. */
export const MAX_DOC_ID_BATCHES = 10;
const UNKNOWN_BATCHES = 1e9;

/** Writes applied in one synchronous run (one request: a bulk, a single write) are one batch. */
let batchClock = 0;
let batchClosing = false;
function currentBatch(): number {
  if (!batchClosing) {
    batchClosing = true;
    queueMicrotask(() => {
      batchClock++;
      batchClosing = false;
    });
  }
  return batchClock;
}
import { parseSettings, replicasOf } from './settings.js';

export interface StoredDoc { id: string; source: Record<string, unknown>; version: number; seqNo: number; primaryTerm: number }

export type FieldIndex = TextFieldIndex | KeywordFieldIndex | NumericFieldIndex;

interface WriteResult { version: number; seqNo: number; primaryTerm: number }

/**
 * OpenSearch's compare-and-set condition (`if_seq_no` + `if_primary_term`): the write applies only while
 * the document's current seq_no and primary term are exactly these. Bigints because a request may name
 * any Java long, and the conflict message repeats the number as given.
 */
export interface SeqNoCondition { readonly seqNo: bigint; readonly primaryTerm: bigint }

const PRIMARY_TERM = 1;

/** An alias's properties, as stored in the catalog and the log (`is_hidden` matters to `_index` queries). */
export interface AliasProps {
  is_write_index?: boolean;
  routing?: string;
  index_routing?: string;
  search_routing?: string;
  is_hidden?: boolean;
}

export class SearchIndex {
  readonly name: string;
  readonly uuid: string;
  readonly createdAt: number;
  private mapping: RootMapping;
  private settings: Record<string, unknown>;
  private leafCache: Map<string, LeafField> | undefined;
  private objectCache: Map<string, ObjectField> | undefined;
  /** Aliases given at creation (the REST layer owns alias bookkeeping afterwards). */
  readonly aliases: Record<string, unknown>;
  /** The aliases that point at this index now, with their properties (the catalog holding the index
   *  installs it; a query on `_index` resolves alias names like OpenSearch's SearchIndexNameMatcher). */
  aliasesNow: () => readonly (readonly [string, AliasProps])[] = () => [];

  // Per-ord document storage, column-wise: no object per document (a StoredDoc is built when asked for) and
  // each source kept as its JSON text (parsed on read), which is what a document costs in memory.
  private maxOrd = 0;
  /** Write batches (requests) that took doc ids, each at most one OpenSearch segment; UNKNOWN_BATCHES once
   *  the ords were renumbered (compaction) or came from a log replay or an older image. */
  private batches = 0;
  private lastBatch = -1;
  private ids = new SourceStore();
  private sources = new SourceStore();
  private versions: Float64Array = new Float64Array(16);
  private seqNos: Float64Array = new Float64Array(16);
  private terms: Float64Array = new Float64Array(16);
  private live: Uint8Array = new Uint8Array(16);
  /** `_id` -> live ord. Built on first use after a snapshot load (searches never need it, so a reopen does
   *  not wait for a million-entry map); `byId` is the only way in. */
  private idMap: Map<string, number> | undefined = new Map<string, number>();
  /** Versions of deleted ids, so a re-created doc continues the version sequence like OpenSearch. */
  private readonly deletedVersions = new Map<string, number>();
  private fieldIndexes = new Map<string, FieldIndex>();
  private deletedCount = 0;
  private nextSeqNo = 0;
  /** Bumped on every write; search-side caches key on it. */
  generation = 0;

  constructor(name: string, body?: { mappings?: unknown; settings?: unknown; aliases?: unknown }) {
    this.name = name;
    this.uuid = randomBytes(16).toString('base64url').slice(0, 22);
    this.createdAt = Date.now();
    this.mapping = parseRootMapping(body?.mappings);
    this.settings = parseSettings(body?.settings);
    this.aliases = (body?.aliases as Record<string, unknown> | undefined) ?? {};
  }

  private get byId(): Map<string, number> {
    if (this.idMap) return this.idMap;
    const m = new Map<string, number>();
    for (let ord = 0; ord < this.maxOrd; ord++) if (this.live[ord] === 1) m.set(this.ids.get(ord), ord);
    return (this.idMap = m);
  }

  get docCount(): number {
    return this.maxOrd - this.deletedCount;
  }

  /** Number of ords in use (live and dead); ords are in [0, maxDoc). */
  get maxDoc(): number {
    return this.maxOrd;
  }

  getMappings(): Record<string, unknown> {
    return renderRoot(this.mapping);
  }

  putMappings(mappings: unknown): void {
    let incoming: RootMapping;
    try {
      incoming = parseRootMapping(mappings ?? {});
    } catch (e) {
      // PUT _mapping answers the parse error itself, not wrapped in "Failed to parse mapping [_doc]" as at creation.
      const cause = e instanceof EngineError ? (e.extra?.caused_by as { type?: unknown; reason?: unknown; caused_by?: unknown } | undefined) : undefined;
      if (e instanceof EngineError && e.type === 'mapper_parsing_exception' && typeof cause?.type === 'string' && typeof cause.reason === 'string') {
        // (a NullPointerException is a 500 there)
        throw new EngineError(cause.type === 'null_pointer_exception' ? 500 : e.status, cause.type, cause.reason,
          cause.caused_by !== undefined ? { caused_by: cause.caused_by } : undefined);
      }
      throw e;
    }
    this.mapping = mergeRoot(this.mapping, incoming);
    this.invalidateFieldCaches();
  }

  /** `number_of_replicas` (validated when the index was created). */
  get replicas(): number {
    return replicasOf(this.settings);
  }

  getSettings(): Record<string, unknown> {
    return {
      index: {
        ...this.settings,
        creation_date: String(this.createdAt),
        uuid: this.uuid,
        version: { created: '137287827' },
        provided_name: this.name,
      },
    };
  }

  /** Leaf field by full path (including multi-fields like `title.keyword`). */
  leaf(path: string): LeafField | undefined {
    return this.leaves().get(path);
  }

  leaves(): Map<string, LeafField> {
    return (this.leafCache ??= collectLeaves(this.mapping));
  }

  objects(): Map<string, ObjectField> {
    return (this.objectCache ??= collectObjects(this.mapping));
  }

  private seqNoCache: { generation: number; fi: NumericFieldIndex } | undefined;

  /** `_seq_no` as the long doc values OpenSearch sorts it by (every live doc has one). */
  seqNoIndex(): NumericFieldIndex {
    if (this.seqNoCache?.generation !== this.generation) {
      const fi = new NumericFieldIndex();
      for (let ord = 0; ord < this.maxOrd; ord++) if (this.live[ord] === 1) fi.add(ord, [this.seqNos[ord]!]);
      this.seqNoCache = { generation: this.generation, fi };
    }
    return this.seqNoCache.fi;
  }

  fieldIndex(path: string): FieldIndex | undefined {
    return this.fieldIndexes.get(path);
  }

  /** Whether OpenSearch's segments would hold a deleted document for this index: an update or a delete
   *  happened, also a delete of a missing document (it consumes a seq_no here, and OpenSearch indexes a
   *  soft-deleted tombstone for it). Its count shortcuts are off on such segments. */
  get hadDeletes(): boolean {
    return this.maxDoc > this.docCount || this.nextSeqNo > this.maxDoc;
  }

  /** Whether `_doc` sort values are still OpenSearch's Lucene doc ids (no merge could have renumbered them). */
  get docIdsExact(): boolean {
    return this.batches <= MAX_DOC_ID_BATCHES;
  }

  /** Records replayed from the log carry no request boundaries: the batches are not known any more. */
  markReplayed(): void {
    this.batches = UNKNOWN_BATCHES;
  }

  private noteBatch(): void {
    const b = currentBatch();
    if (b !== this.lastBatch) {
      this.lastBatch = b;
      if (this.batches < UNKNOWN_BATCHES) this.batches++;
    }
  }

  /** Whether some ord below maxDoc is a tombstone (searches then mask them out). */
  get hasDeletes(): boolean {
    return this.deletedCount > 0;
  }

  isLive(ord: number): boolean {
    return this.live[ord] === 1;
  }

  /** Live-doc mask (1 = live), valid for ords below maxDoc. */
  liveMask(): Uint8Array {
    return this.live;
  }

  docAt(ord: number): StoredDoc | undefined {
    return this.live[ord] === 1 ? this.stored(ord) : undefined;
  }

  /** `_id` of a live doc (without building the whole StoredDoc). */
  idAt(ord: number): string | undefined {
    return this.live[ord] === 1 ? this.ids.get(ord) : undefined;
  }

  private stored(ord: number): StoredDoc {
    return {
      id: this.ids.get(ord), source: parseJson(this.sources.get(ord)) as Record<string, unknown>,
      version: this.versions[ord]!, seqNo: this.seqNos[ord]!, primaryTerm: this.terms[ord]!,
    };
  }

  ordOf(id: string): number | undefined {
    return this.byId.get(id);
  }

  index(id: string, source: Record<string, unknown>, opts?: { opType?: 'index' | 'create'; ifMatch?: SeqNoCondition }):
    { result: 'created' | 'updated' } & WriteResult {
    validateId(id);
    const existing = this.byId.get(id);
    const parsed = parseDocument(this.mapping, id, source);
    // After parsing, as in OpenSearch (the shard parses the document before the engine checks versions: a
    // malformed document is a 400 before a create's or a compare-and-set's 409). A refused write changes
    // nothing here: no mapping additions, no version, no seq_no (OpenSearch keeps the dynamic mapping
    // additions of a conflicting write; not modelled).
    if (existing !== undefined && opts?.opType === 'create') {
      throw new EngineError(409, 'version_conflict_engine_exception',
        `[${id}]: version conflict, document already exists (current version [${this.versions[existing]!}])`,
        { index: this.name, shard: '0', index_uuid: this.uuid });
    }
    if (opts?.ifMatch) this.checkCondition(id, opts.ifMatch);
    // Everything below cannot fail: commit mapping additions, then the document.
    this.commitMapping(parsed.added);
    const prevVersion = existing !== undefined ? this.versions[existing]! : this.deletedVersions.get(id) ?? 0;
    const stored: StoredDoc = { id, source, version: prevVersion + 1, seqNo: this.nextSeqNo++, primaryTerm: PRIMARY_TERM };
    this.deletedVersions.delete(id);
    if (existing !== undefined) this.tombstone(existing);
    this.addParsed(stored, parsed.values);
    this.generation++;
    this.maybeCompact();
    return { result: existing !== undefined ? 'updated' : 'created', version: stored.version, seqNo: stored.seqNo, primaryTerm: PRIMARY_TERM };
  }

  delete(id: string, opts?: { ifMatch?: SeqNoCondition }): { result: 'deleted' | 'not_found' } & WriteResult {
    // Checked before a seq_no is taken: OpenSearch gives a refused delete none.
    if (opts?.ifMatch) this.checkCondition(id, opts.ifMatch);
    const ord = this.byId.get(id);
    const seqNo = this.nextSeqNo++;
    if (ord === undefined) {
      const v = (this.deletedVersions.get(id) ?? 0) + 1;
      // OpenSearch keeps a tombstone with that version for the missing id: the next write continues it.
      this.deletedVersions.set(id, v);
      this.addDeleteTombstone(id, v, seqNo);
      this.generation++;
      this.maybeCompact();
      return { result: 'not_found', version: v, seqNo, primaryTerm: PRIMARY_TERM };
    }
    const version = this.versions[ord]! + 1;
    this.tombstone(ord);
    this.byId.delete(id);
    this.deletedVersions.set(id, version);
    this.addDeleteTombstone(id, version, seqNo);
    this.generation++;
    this.maybeCompact();
    return { result: 'deleted', version, seqNo, primaryTerm: PRIMARY_TERM };
  }

  /** 409 unless the live document `id` has exactly the seq_no and primary term of `cond`. */
  private checkCondition(id: string, cond: SeqNoCondition): void {
    const ord = this.byId.get(id);
    const doc = ord === undefined ? undefined : { seqNo: this.seqNos[ord]!, primaryTerm: this.terms[ord]! };
    if (doc && BigInt(doc.seqNo) === cond.seqNo && BigInt(doc.primaryTerm) === cond.primaryTerm) return;
    const required = `[${id}]: version conflict, required seqNo [${cond.seqNo}], primary term [${cond.primaryTerm}].`;
    throw new EngineError(409, 'version_conflict_engine_exception',
      doc
        ? `${required} current document has seqNo [${doc.seqNo}] and primary term [${doc.primaryTerm}]`
        : `${required} but no document was found`,
      { index: this.name, shard: '0', index_uuid: this.uuid });
  }

  /** The seq_no the next write takes (snapshots keep it: deletes consume seq_nos too). */
  get seqNoWatermark(): number {
    return this.nextSeqNo;
  }

  advanceSeqNo(next: number): void {
    if (next > this.nextSeqNo) this.nextSeqNo = next;
  }

  get(id: string): StoredDoc | undefined {
    const ord = this.byId.get(id);
    return ord === undefined ? undefined : this.stored(ord);
  }

  /** Version and seq_no of a live doc (without parsing its source). */
  meta(id: string): { version: number; seqNo: number; primaryTerm: number } | undefined {
    const ord = this.byId.get(id);
    return ord === undefined ? undefined : { version: this.versions[ord]!, seqNo: this.seqNos[ord]!, primaryTerm: this.terms[ord]! };
  }

  *entries(): Iterable<StoredDoc> {
    for (let ord = 0; ord < this.maxOrd; ord++) if (this.live[ord] === 1) yield this.stored(ord);
  }

  /** Live docs with their source as stored (JSON text): [id, version, seqNo, primaryTerm, source]. */
  *rawEntries(): Iterable<[string, number, number, number, string]> {
    for (let ord = 0; ord < this.maxOrd; ord++) {
      if (this.live[ord] === 1) yield [this.ids.get(ord), this.versions[ord]!, this.seqNos[ord]!, this.terms[ord]!, this.sources.get(ord)];
    }
  }

  /** Byte length of every live source as JSON (what `_cat/indices` reports as store size). */
  sourceBytes(): number {
    let n = 0;
    for (let ord = 0; ord < this.maxOrd; ord++) if (this.live[ord] === 1) n += this.sources.charLength(ord);
    return n;
  }

  restore(doc: StoredDoc): void {
    let parsed;
    try {
      parsed = parseDocument(this.mapping, doc.id, doc.source);
    } catch {
      // A stored doc was valid when written; if the mapping since changed, keep it retrievable but unindexed.
      parsed = { values: new Map(), added: [] };
    }
    this.commitMapping(parsed.added);
    const existing = this.byId.get(doc.id);
    if (existing !== undefined) this.tombstone(existing);
    this.deletedVersions.delete(doc.id);
    this.addParsed(doc, parsed.values);
    if (doc.seqNo >= this.nextSeqNo) this.nextSeqNo = doc.seqNo + 1;
    this.generation++;
    this.maybeCompact();
  }

  /**
   * Everything a restart needs to serve this index as it is now, without re-analysing a document: per-ord
   * documents (tombstones included, so ords and postings stay valid), the live mask, and every field's
   * structures. Synchronous and cheap: arrays that only grow are captured as views, the rest copied; the
   * bytes are produced when the snapshot is written.
   */
  image(): Image<IndexImageMeta> {
    const n = this.maxOrd;
    const ids = this.ids.image(n);
    const sources = this.sources.image(n);
    const blobs: Blob[] = [
      ...ids.blobs, ...sources.blobs,
      bytesOf(this.versions.subarray(0, n)), bytesOf(this.seqNos.subarray(0, n)), bytesOf(this.terms.subarray(0, n)),
      bytesOf(this.live.slice(0, n)),
    ];
    const fields: IndexImageMeta['fields'] = [];
    for (const [path, fi] of this.fieldIndexes) {
      const img = fi.image(n);
      fields.push([path, img.meta]);
      blobs.push(...img.blobs);
    }
    const deleted = [...this.deletedVersions];
    blobs.push(stringsBlob(deleted.map(([id]) => id)), bytesOf(Float64Array.from(deleted, ([, v]) => v)));
    return {
      meta: { maxOrd: n, deletedCount: this.deletedCount, nextSeqNo: this.nextSeqNo, idBlobs: ids.counts, sourceBlobs: sources.counts, fields, deletedVersions: deleted.length,
        docIdBatches: this.batches },
      blobs,
    };
  }

  /** Load an image into this (empty) index. */
  loadImage(meta: IndexImageMeta, r: BlobReader): void {
    if (this.maxOrd !== 0) throw new Error('image loaded into a non-empty index');
    const n = meta.maxOrd;
    const ids = SourceStore.load(r, meta.idBlobs, n);
    const sources = SourceStore.load(r, meta.sourceBlobs, n);
    const versions = float64s(r.next());
    const seqNos = float64s(r.next());
    const terms = float64s(r.next());
    const live = r.next();
    if (ids.length !== n || sources.length !== n || versions.length !== n || seqNos.length !== n || terms.length !== n || live.length !== n) {
      throw new Error('document arrays do not match the image');
    }
    this.ids = ids;
    this.sources = sources;
    this.versions = versions;
    this.seqNos = seqNos;
    this.terms = terms;
    this.live = live;
    this.maxOrd = n;
    this.idMap = undefined;
    this.deletedCount = meta.deletedCount;
    this.batches = meta.docIdBatches ?? UNKNOWN_BATCHES;
    if (meta.nextSeqNo > this.nextSeqNo) this.nextSeqNo = meta.nextSeqNo;
    for (const [path, fm] of meta.fields) {
      const fi = fm.kind === 'text' ? TextFieldIndex.fromImage(fm, r) : fm.kind === 'keyword' ? KeywordFieldIndex.fromImage(fm, r) : NumericFieldIndex.fromImage(fm, r);
      this.fieldIndexes.set(path, fi);
    }
    if (meta.deletedVersions !== undefined) {
      const deletedIds = readStrings(r.next());
      const versions = float64s(r.next());
      if (deletedIds.length !== meta.deletedVersions || versions.length !== meta.deletedVersions) throw new Error('deleted versions do not match the image');
      for (const [i, id] of deletedIds.entries()) this.deletedVersions.set(id, versions[i]!);
    }
    this.generation++;
  }

  private commitMapping(added: [ObjectField, string, import('./mapping.js').FieldNode][]): void {
    if (added.length === 0) return;
    for (const [parent, name, node] of added) parent.properties.set(name, node);
    this.invalidateFieldCaches();
  }

  private invalidateFieldCaches(): void {
    this.leafCache = undefined;
    this.objectCache = undefined;
  }

  private addParsed(stored: StoredDoc, values: Map<string, { leaf: LeafField; values: (string | number | bigint)[] }>, rawSource?: string): void {
    this.noteBatch();
    const ord = this.maxOrd++;
    this.ids.push(stored.id);
    this.sources.push(rawSource ?? stringifyJson(stored.source));
    this.versions = ensureFloat64(this.versions, ord, 0);
    this.seqNos = ensureFloat64(this.seqNos, ord, 0);
    this.terms = ensureFloat64(this.terms, ord, 0);
    this.versions[ord] = stored.version;
    this.seqNos[ord] = stored.seqNo;
    this.terms[ord] = stored.primaryTerm;
    this.live = ensureUint8(this.live, ord);
    this.live[ord] = 1;
    this.byId.set(stored.id, ord);
    for (const [path, { leaf, values: vals }] of values) {
      let fi = this.fieldIndexes.get(path);
      if (!fi) {
        fi = leaf.type === 'text' ? new TextFieldIndex() : leaf.type === 'keyword' ? new KeywordFieldIndex() : new NumericFieldIndex();
        this.fieldIndexes.set(path, fi);
      }
      if (fi.kind === 'text') fi.add(ord, vals as string[], leaf.params.norms === false);
      else if (fi.kind === 'keyword') fi.add(ord, vals as string[]);
      else fi.add(ord, vals as (number | bigint)[]);
    }
  }

  /** OpenSearch indexes a delete (of a present or a missing document) as a soft-deleted tombstone document,
   *  which takes the next Lucene doc id: so does it here (a dead ord without fields), which keeps `_doc`
   *  sort values equal to OpenSearch's doc ids. */
  private addDeleteTombstone(id: string, version: number, seqNo: number): void {
    this.noteBatch();
    const ord = this.maxOrd++;
    this.ids.push(id);
    this.sources.push('{}');
    this.versions = ensureFloat64(this.versions, ord, 0);
    this.seqNos = ensureFloat64(this.seqNos, ord, 0);
    this.terms = ensureFloat64(this.terms, ord, 0);
    this.versions[ord] = version;
    this.seqNos[ord] = seqNo;
    this.terms[ord] = PRIMARY_TERM;
    this.live = ensureUint8(this.live, ord);
    this.live[ord] = 0;
    this.deletedCount++;
  }

  private tombstone(ord: number): void {
    this.live[ord] = 0;
    this.deletedCount++;
  }

  /** Rebuild all structures from live docs once tombstones outnumber live docs (amortised O(1) per write). */
  private maybeCompact(): void {
    if (this.deletedCount < 1024 || this.deletedCount < this.docCount) return;
    const liveDocs = [...this.rawEntries()];
    this.maxOrd = 0;
    this.ids = new SourceStore();
    this.sources = new SourceStore();
    this.versions = new Float64Array(Math.max(16, liveDocs.length));
    this.seqNos = new Float64Array(Math.max(16, liveDocs.length));
    this.terms = new Float64Array(Math.max(16, liveDocs.length));
    this.live = new Uint8Array(Math.max(16, liveDocs.length));
    this.idMap = new Map();
    this.fieldIndexes = new Map();
    this.deletedCount = 0;
    for (const [id, version, seqNo, primaryTerm, raw] of liveDocs) {
      const source = parseJson(raw) as Record<string, unknown>;
      let values;
      try {
        values = parseDocument(this.mapping, id, source).values;
      } catch {
        values = new Map();
      }
      this.addParsed({ id, source, version, seqNo, primaryTerm }, values, raw);
    }
    // The ords were renumbered: `_doc` values no longer follow OpenSearch's doc ids.
    this.batches = UNKNOWN_BATCHES;
  }
}

function validateId(id: string): void {
  if (typeof id !== 'string' || id.length === 0) {
    throw new EngineError(400, 'illegal_argument_exception', 'if _id is specified it must not be empty');
  }
  if (Buffer.byteLength(id, 'utf8') > 512) {
    throw new EngineError(400, 'illegal_argument_exception', `id [${id}] is too long, must be no longer than 512 bytes but was: ${Buffer.byteLength(id, 'utf8')}`);
  }
}


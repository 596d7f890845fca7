/**
 * Manifests (format 3): the state as of the start of one log generation, as a list of index files (in
 * catalog order; each may have been written by this checkpoint or an earlier one) and the aliases. One
 * checksummed JSON frame { file:'manifest', format:3, gen, indices:[{name, uuid, file, bytes}], aliases }.
 * It is written last, atomically, once every file it names is durable: whichever manifest is newest on disk
 * names a complete state.
 */
import { join } from 'node:path';
import type { Catalog } from './catalog.js';
import { encodeFrame } from './frame.js';
import { readFrames } from './frame-reader.js';
import { manifestName, writeFileAtomic } from './files.js';
import { loadIndexFile, type IndexFileRef } from './index-file.js';
import type { AliasProps } from './records.js';
import { EngineCorruptionError } from './store-errors.js';

export const MANIFEST_FORMAT = 3;

export interface Manifest {
  file: 'manifest'; format: 3; gen: number;
  indices: IndexFileRef[];
  aliases: [string, string, AliasProps][];
}

export function captureAliases(catalog: Catalog): [string, string, AliasProps][] {
  const aliases: [string, string, AliasProps][] = [];
  for (const alias of catalog.aliasNames()) {
    for (const [index, props] of catalog.aliasTargets(alias) ?? []) aliases.push([alias, index, { ...props }]);
  }
  return aliases;
}

export async function writeManifest(dir: string, m: Manifest): Promise<void> {
  await writeFileAtomic(dir, manifestName(m.gen), [encodeFrame(m)]);
}

/** Loads manifest-<gen> and every index file it names into an empty catalog; returns the manifest. */
export async function loadManifest(dir: string, gen: number, catalog: Catalog): Promise<Manifest> {
  const file = manifestName(gen);
  const corrupt = (offset: number, detail: string): EngineCorruptionError =>
    new EngineCorruptionError('ENGINE_CORRUPT_SNAPSHOT', file, offset, detail, false);
  let m: Manifest | undefined;
  for await (const frame of readFrames(join(dir, file), 'ENGINE_CORRUPT_SNAPSHOT')) {
    if (m) throw corrupt(frame.offset, 'data after the manifest');
    m = frame.value as Manifest;
    if (!isManifest(m, gen)) throw corrupt(frame.offset, 'bad manifest');
  }
  if (!m) throw corrupt(0, 'empty manifest');
  const names = new Set<string>();
  for (const ref of m.indices) {
    if (names.has(ref.name)) throw corrupt(0, `index [${ref.name}] listed twice`);
    names.add(ref.name);
    await loadIndexFile(dir, ref, gen, catalog);
  }
  for (const [alias, index, props] of m.aliases) {
    try {
      catalog.apply({ t: 'put_alias', index, alias, props });
    } catch (e) {
      throw corrupt(0, `alias [${alias}] does not apply (${e instanceof Error ? e.message : String(e)})`);
    }
  }
  return m;
}

function isManifest(v: unknown, gen: number): v is Manifest {
  const m = v as Partial<Manifest> | null;
  return typeof m === 'object' && m !== null && m.file === 'manifest' && m.format === MANIFEST_FORMAT && m.gen === gen
    && Array.isArray(m.indices) && Array.isArray(m.aliases)
    && m.indices.every((r) => typeof r === 'object' && r !== null && typeof r.name === 'string' && typeof r.uuid === 'string'
      && typeof r.file === 'string' && /^index-\d+-\d+\.ix$/.test(r.file) && typeof r.bytes === 'number')
    && m.aliases.every((a) => Array.isArray(a) && a.length === 3 && typeof a[0] === 'string' && typeof a[1] === 'string');
}

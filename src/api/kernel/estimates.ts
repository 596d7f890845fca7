/**
 * Retained-size estimates for the entries charged to the cache budget (budget.ts). V8 has no cheap way to
 * measure what an object graph retains, so these are models fitted to heap measurements of `npm run bench`
 * (heap after full GC, per permission set and per distinct query) on the bench's index (8 fields):
 * a compiled query ≈44 KiB for a 150-character query, a permission set (schema + its server) ≈110 KiB.
 * They err on the large side: the budget then holds fewer entries than it could, never more memory.
 */
import type { DocumentNode, ExecutionResult } from 'graphql';

const KiB = 1024;

function sourceLength(document: DocumentNode | undefined): number {
  return document?.loc?.source.body.length ?? document?.loc?.end ?? 1000;
}

/** A parsed document: ~48 bytes of AST per character of source. */
export function estimateDocumentBytes(document: DocumentNode): number {
  return 512 + 48 * sourceLength(document);
}

/** A prepared operation, compiled on first run: graphql-jit's generated code and closures grow with the query. */
export function estimatePreparedBytes(entry: { document: DocumentNode } | ExecutionResult): number {
  if (!('document' in entry)) return 2 * KiB;
  return 24 * KiB + 168 * sourceLength(entry.document);
}

import { GraphQLError, parse, specifiedRules, validate, type DocumentNode, type GraphQLSchema } from 'graphql';
import { estimateSchemaBytes } from '../access/estimates.js';
import type { SchemaShape } from '../access/view.js';
import { estimateDocumentBytes } from '../api/kernel/estimates.js';
import { cacheBudget, stringBytes, type BudgetedCache } from '../cache/budget.js';
import { forgetSchema } from '../api/kernel/execute.js';
import { KnownOperationTypes } from '../api/kernel/known-operation-types.js';
import { buildSchema } from '../api/schema.js';
import { ErrorCode } from '../errors.js';

/** Tokens in one document (fields, punctuation, values): far above any real query, far below a hostile one. */
export const MAX_TOKENS = 20_000;

/** A document as validated against one permission set's schema, or why it is refused (400). */
export type CheckedDocument = { readonly document: DocumentNode } | { readonly errors: readonly GraphQLError[] };

/**
 * One permission set's schema with its own cache of validated documents. Validation results are never shared
 * between permission sets: a query valid for one caller may name fields another may not see (Apollo caches
 * validation by query text alone, which is why each permission set had its own server before).
 */
export class PermissionSchema {
  // Bounded in bytes under the one cache budget (src/cache/budget.ts), with every other per-query cache.
  private readonly documents: BudgetedCache<string, CheckedDocument> = cacheBudget.cache('validated documents', (checked, query) =>
    'document' in checked ? estimateDocumentBytes(checked.document) : stringBytes(query) + 1024,
  );

  constructor(readonly schema: GraphQLSchema) {}

  /** Drops this permission set's documents (it left the cache). */
  forget(): void {
    this.documents.clear();
    forgetSchema(this.schema);
  }

  /** Parsed (at most MAX_TOKENS tokens) and validated once per query text. */
  check(query: string): CheckedDocument {
    let checked = this.documents.get(query);
    if (!checked) {
      checked = checkDocument(this.schema, query);
      this.documents.set(query, checked);
    }
    return checked;
  }
}

function checkDocument(schema: GraphQLSchema, query: string): CheckedDocument {
  let document: DocumentNode;
  try {
    document = parse(query, { maxTokens: MAX_TOKENS });
  } catch (err) {
    const e = err as GraphQLError;
    return { errors: [new GraphQLError(e.message, { source: e.source, positions: e.positions, extensions: { code: ErrorCode.ParseFailed } })] };
  }
  const invalid = validate(schema, document, [...specifiedRules, KnownOperationTypes]);
  if (invalid.length > 0) {
    return { errors: invalid.map((e) => new GraphQLError(e.message, { nodes: e.nodes, extensions: { code: ErrorCode.ValidationFailed } })) };
  }
  return { document };
}

/**
 * The schema of each permission set (schema key), built once — also when many requests ask at the same time,
 * since building is synchronous — and kept in a bounded LRU.
 */
export class PermissionSchemas {
  private readonly schemas: BudgetedCache<string, PermissionSchema>;

  constructor(private readonly onBuild: () => void = () => {}) {
    // Bounded in bytes under the one cache budget, charged by the size of each permission set's schema (given
    // at `set`, from its shape). An evicted permission set's documents and compiled queries go with it.
    this.schemas = cacheBudget.cache('permission schemas', () => estimateSchemaBytes(undefined), (entry) => entry.forget());
  }

  get(shape: SchemaShape): PermissionSchema {
    let entry = this.schemas.get(shape.key);
    if (!entry) {
      this.onBuild();
      entry = new PermissionSchema(buildSchema(shape));
      this.schemas.set(shape.key, entry, estimateSchemaBytes(shape));
    }
    return entry;
  }

  get size(): number {
    return this.schemas.size;
  }

  async stop(): Promise<void> {
    for (const entry of this.schemas.values()) entry.forget();
    this.schemas.clear();
  }
}

import { GraphQLError, parse, specifiedRules, validate, type DocumentNode, type GraphQLSchema } from 'graphql';
import { LRUCache } from 'lru-cache';
import type { SchemaShape } from '../access/view.js';
import { forgetSchema } from '../api/kernel/execute.js';
import { KnownOperationTypes } from '../api/kernel/known-operation-types.js';
import { buildSchema } from '../api/schema.js';
import { ErrorCode } from '../errors.js';

/** Tokens in one document (fields, punctuation, values): far above any real query, far below a hostile one. */
export const MAX_TOKENS = 20_000;

/** Validated documents kept per permission set (their compiled forms are cached by the executor beside them). */
const MAX_DOCUMENTS_PER_SCHEMA = 500;

/** A document as validated against one permission set's schema, or why it is refused (400). */
export type CheckedDocument = { readonly document: DocumentNode } | { readonly errors: readonly GraphQLError[] };

/**
 * One permission set's schema with its own cache of validated documents. Validation results are never shared
 * between permission sets: a query valid for one caller may name fields another may not see (Apollo caches
 * validation by query text alone, which is why each permission set had its own server before).
 */
export class PermissionSchema {
  private readonly documents = new LRUCache<string, CheckedDocument>({ max: MAX_DOCUMENTS_PER_SCHEMA });

  constructor(readonly schema: GraphQLSchema) {}

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
export class SchemaServers {
  private readonly schemas: LRUCache<string, PermissionSchema>;

  constructor(
    max = 256,
    private readonly onBuild: () => void = () => {},
  ) {
    // An evicted permission set's compiled queries go with it.
    this.schemas = new LRUCache({ max, dispose: (entry) => forgetSchema(entry.schema) });
  }

  get(shape: SchemaShape): PermissionSchema {
    let entry = this.schemas.get(shape.key);
    if (!entry) {
      this.onBuild();
      entry = new PermissionSchema(buildSchema(shape));
      this.schemas.set(shape.key, entry);
    }
    return entry;
  }

  get size(): number {
    return this.schemas.size;
  }

  async stop(): Promise<void> {
    this.schemas.clear();
  }
}

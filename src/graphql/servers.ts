import { ApolloServer, type BaseContext } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginUsageReportingDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginSchemaReportingDisabled } from '@apollo/server/plugin/disabled';
import type { DocumentNode } from 'graphql';
import { cacheBudget, type BudgetedCache } from '../cache/budget.js';
import { estimateDocumentBytes, estimateSchemaServerBytes } from '../cache/estimates.js';
import type { SchemaShape } from '../access/view.js';
import { buildSchema } from '../schema/build.js';
import type { RequestContext } from './context.js';
import { formatError } from './format-error.js';
import { jitGateway } from './jit-gateway.js';
import { rootKindsOf } from './limits.js';
import { useObserve } from './use-observe.js';
import { KnownOperationTypes } from './known-operation-types.js';

/** Tokens in one document (fields, punctuation, values): far above any real query, far below a hostile one. */
export const MAX_TOKENS = 20_000;

/**
 * One Apollo Server per permission set (schema key), in a bounded LRU. Apollo validates against its one
 * schema and caches validated documents by query hash; giving each permission set its own server (and
 * prefixing the shared document store by schema hash, which Apollo does for a provided store) means a query
 * validated for one caller is never reused for a caller who may see less.
 */
export class SchemaServers {
  private readonly documents = cacheBudget.cache<string, DocumentNode>('parsed documents', (d) => estimateDocumentBytes(d));
  private readonly documentStore = {
    get: async (key: string) => this.documents.get(key),
    set: async (key: string, value: DocumentNode) => void this.documents.set(key, value),
    delete: async (key: string) => void this.documents.delete(key),
  };
  private readonly servers: BudgetedCache<string, Promise<ApolloServer<RequestContext>>>;
  private readonly shapes = new Map<string, SchemaShape>();
  private readonly stopping = new Set<Promise<unknown>>();

  constructor(private readonly onBuild: () => void = () => {}) {
    // Bounded in bytes under the one cache budget (src/cache/budget.ts), charged by the size of each schema.
    // Evicted (or cleared) servers are stopped exactly once; a second concurrent stop() on an Apollo server
    // that is already draining can wait forever.
    this.servers = cacheBudget.cache(
      'schema servers',
      (_server, key) => estimateSchemaServerBytes(this.shapes.get(key)),
      (server) => this.dispose(server),
    );
  }

  private dispose(server: Promise<ApolloServer<RequestContext>>): void {
    const done = server.then((s) => s.stop()).catch(() => undefined);
    this.stopping.add(done);
    void done.finally(() => this.stopping.delete(done));
  }

  /** The server for a permission set; built once, even when many requests ask at the same time. */
  get(shape: SchemaShape): Promise<ApolloServer<RequestContext>> {
    let server = this.servers.get(shape.key);
    if (!server) {
      server = this.start(shape);
      this.shapes.set(shape.key, shape);
      this.servers.set(shape.key, server);
      this.shapes.delete(shape.key);
      // A failed start must not be cached forever.
      server.catch(() => this.servers.delete(shape.key));
    }
    return server;
  }

  get size(): number {
    return this.servers.size;
  }

  private async start(shape: SchemaShape): Promise<ApolloServer<RequestContext>> {
    this.onBuild();
    const server = new ApolloServer<RequestContext & BaseContext>({
      gateway: jitGateway(buildSchema(shape), rootKindsOf(shape)),
      // A bound on the document before validation runs; limits.ts bounds what it may do after.
      parseOptions: { maxTokens: MAX_TOKENS },
      documentStore: this.documentStore,
      // Automatic persisted queries off: their cache is per server and counts entries, not bytes.
      persistedQueries: false,
      introspection: true,
      includeStacktraceInErrorResponses: false,
      csrfPrevention: true,
      validationRules: [KnownOperationTypes],
      // The gateway drains on SIGTERM itself; one signal handler per permission set would leak listeners.
      stopOnTerminationSignals: false,
      formatError,
      plugins: [
        useObserve,
        // The default cache-control plugin wraps every resolver; Searchgate answers are per caller, never cacheable.
        ApolloServerPluginCacheControlDisabled(),
        ApolloServerPluginLandingPageDisabled(),
        ApolloServerPluginUsageReportingDisabled(),
        ApolloServerPluginSchemaReportingDisabled(),
      ],
    });
    await server.start();
    return server;
  }

  async stop(): Promise<void> {
    for (const server of this.servers.values()) this.dispose(server);
    this.servers.clear();
    await Promise.allSettled([...this.stopping]);
  }
}

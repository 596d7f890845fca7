import type { GatewayInterface } from '@apollo/server-gateway-interface';
import type { ExecutionResult, GraphQLSchema } from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import { LRUCache } from 'lru-cache';

/**
 * Executes with graphql-jit instead of graphql-js. Apollo Server 5 has no `executor` option; its `gateway`
 * option is the supported way to bring one. Each permission set's server gets its own gateway, so compiled
 * queries are per (permission set, query) — never shared between callers who see different schemas.
 * graphql-js executes a 20-hit search in ~140 µs; the compiled query in ~10 µs after a one-off compile.
 */
export function jitGateway(schema: GraphQLSchema, maxCompiled = 200): GatewayInterface {
  // Each compiled query holds ~50 KiB of generated code: bounded per permission set.
  const compiled = new LRUCache<string, CompiledQuery | ExecutionResult>({ max: maxCompiled });
  return {
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: '' });
      return () => undefined;
    },
    async load() {
      return {
        executor: async (rc) => {
          const key = `${rc.operationName ?? ''}\u0000${rc.queryHash}`;
          let query = compiled.get(key);
          if (!query) {
            query = compileQuery(schema, rc.document, rc.operationName ?? undefined);
            compiled.set(key, query);
          }
          if (!isCompiledQuery(query)) return query;
          return query.query(undefined, rc.context, rc.request.variables ?? {}) as Promise<ExecutionResult> | ExecutionResult;
        },
      };
    },
    async stop() {
      compiled.clear();
    },
  };
}

import type { GatewayInterface } from '@apollo/server-gateway-interface';
import type { GraphQLSchema } from 'graphql';
import type { RequestContext } from '../api/context.js';
import { executeOperation, forgetSchema } from '../api/kernel/execute.js';

/**
 * Apollo Server 5 has no `executor` option; its `gateway` option is the supported way to bring one. Each
 * permission set's server gets its own gateway, so compiled queries are per (permission set, query) — never
 * shared between callers who see different schemas. The executor itself is the API's (src/api/kernel/execute.ts),
 * the same one saved searches run through.
 */
export function jitGateway(schema: GraphQLSchema): GatewayInterface {
  return {
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: '' });
      return () => undefined;
    },
    async load() {
      return {
        executor: (rc) =>
          executeOperation(
            schema,
            `${rc.operationName ?? ''}\u0000${rc.queryHash}`,
            rc.document,
            rc.operationName,
            rc.context as RequestContext,
            rc.request.variables ?? {},
          ),
      };
    },
    async stop() {
      forgetSchema(schema);
    },
  };
}

import type { ApolloServerPlugin } from '@apollo/server';
import { addCode } from '../observability/request.js';
import type { RequestContext } from '../api/context.js';

/**
 * Fills the request's record (src/observability/request.ts) from inside Apollo: the operation's type and
 * name once resolved, and every error code of the answer. Also stamps each error with the request id, so a
 * caller reporting an error hands operators the key to its log line.
 */
const MAX_NAME = 100;

export const useObserve: ApolloServerPlugin<RequestContext> = {
  async requestDidStart() {
    return {
      async didResolveOperation({ contextValue, operation, operationName }) {
        if (operation) contextValue.record.operationType = operation.operation;
        if (operationName) contextValue.record.operationName = operationName.slice(0, MAX_NAME);
      },
      async willSendResponse({ contextValue, response }) {
        if (response.body.kind !== 'single') return;
        for (const e of response.body.singleResult.errors ?? []) {
          const code = e.extensions?.code;
          addCode(contextValue.record, typeof code === 'string' ? code : 'INTERNAL_SERVER_ERROR');
          (e as { extensions?: Record<string, unknown> }).extensions = { ...e.extensions, requestId: contextValue.record.id };
        }
      },
    };
  },
};

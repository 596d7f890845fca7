import { GraphQLError, type ValidationRule } from 'graphql';

/**
 * graphql-js 16 only notices a missing root type (e.g. `mutation` for a caller without admin rights) at
 * execution. Reject it during validation instead, like any other unknown part of the caller's schema.
 */
export const KnownOperationTypes: ValidationRule = (context) => ({
  OperationDefinition(node) {
    const schema = context.getSchema();
    const root =
      node.operation === 'query' ? schema.getQueryType()
      : node.operation === 'mutation' ? schema.getMutationType()
      : schema.getSubscriptionType();
    if (!root) context.reportError(new GraphQLError(`The schema does not support ${node.operation} operations.`, { nodes: node }));
  },
});

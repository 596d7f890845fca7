import { GraphQLBoolean, GraphQLFloat, GraphQLInt, GraphQLString, type GraphQLScalarType } from 'graphql';
import type { ScalarKind } from '../../catalog/index-model.js';
import { staticTypes } from '../../sdl/static.js';
import { unreachable } from '../../unreachable.js';

/** GraphQL output type of an index field; masked fields are always String (a hash or a rewritten text). */
export function outputScalar(kind: ScalarKind, masked: boolean): GraphQLScalarType {
  if (masked) return GraphQLString;
  switch (kind) {
    case 'text':
    case 'keyword':
      return GraphQLString;
    case 'int':
      return GraphQLInt;
    case 'long':
      return staticTypes.scalar('SafeInt');
    case 'float':
      return GraphQLFloat;
    case 'boolean':
      return GraphQLBoolean;
    case 'date':
      return staticTypes.scalar('DateTime');
    default:
      return unreachable(kind, 'field kind');
  }
}

/** The static filter input for a field kind (schema/filters.graphql). */
export function filterInputName(kind: ScalarKind): string {
  switch (kind) {
    case 'text':
      return 'TextFilter';
    case 'keyword':
      return 'KeywordFilter';
    case 'int':
    case 'long':
      return 'IntFilter';
    case 'float':
      return 'FloatFilter';
    case 'boolean':
      return 'BooleanFilter';
    case 'date':
      return 'DateTimeFilter';
    default:
      return unreachable(kind, 'field kind');
  }
}

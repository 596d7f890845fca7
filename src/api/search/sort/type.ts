import { GraphQLEnumType, GraphQLInputObjectType, GraphQLNonNull, type GraphQLEnumValueConfigMap } from 'graphql';
import { SCORE, sortableFields } from './plan.js';
import { enumValueName, indexTypeNames, SCORE_ENUM_VALUE } from '../../../catalog/names.js';
import { staticTypes } from '../../../sdl/static.js';
import type { VisibleIndex } from '../../../access/visible.js';

/**
 * `<Type>SortField` and `<Type>OrderBy`. Enum values carry the field itself as their internal value, so the
 * planner receives a field the caller may sort on, not a name to look up again.
 */
export function orderByType(typeName: string, index: VisibleIndex): GraphQLInputObjectType {
  const names = indexTypeNames(typeName);
  const values: GraphQLEnumValueConfigMap = { [SCORE_ENUM_VALUE]: { value: SCORE, description: 'Relevance' } };
  for (const f of sortableFields(index)) values[enumValueName(f.path)] = { value: f, description: `\`${f.path}\`` };
  const fieldEnum = new GraphQLEnumType({ name: names.sortField, values });
  return new GraphQLInputObjectType({
    name: names.orderBy,
    fields: {
      field: { type: new GraphQLNonNull(fieldEnum) },
      direction: { type: staticTypes.enum('SortDirection'), defaultValue: 'ASC' },
    },
  });
}

import { GraphQLInputObjectType, GraphQLList, GraphQLNonNull, type GraphQLInputFieldConfigMap } from 'graphql';
import { indexTypeNames, WHERE_COMBINATORS } from '../../../catalog/names.js';
import { filterInputName } from '../../document/scalars.js';
import { staticTypes } from '../../../sdl/static.js';
import type { VisibleIndex } from '../../../access/visible.js';

const COMBINATORS: ReadonlySet<string> = new Set(WHERE_COMBINATORS);

/** `<Type>Where`: and/or/not plus one operator input per visible, unmasked field. */
export function whereType(typeName: string, index: VisibleIndex): GraphQLInputObjectType {
  const self: GraphQLInputObjectType = new GraphQLInputObjectType({
    name: indexTypeNames(typeName).where,
    description: `Filters on ${typeName}. Conditions in one object are all required.`,
    fields: () => {
      const fields: GraphQLInputFieldConfigMap = {
        and: { type: new GraphQLList(new GraphQLNonNull(self)) },
        or: { type: new GraphQLList(new GraphQLNonNull(self)) },
        not: { type: self },
      };
      for (const f of index.clearLeaves) {
        // A field literally named and/or/not cannot be told apart from the combinators; it is left out.
        if (COMBINATORS.has(f.flat)) continue;
        fields[f.flat] = { type: staticTypes.input(filterInputName(f.kind)), description: `\`${f.path}\`` };
      }
      return fields;
    },
  });
  return self;
}

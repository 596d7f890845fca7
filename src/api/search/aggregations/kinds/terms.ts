import { GraphQLInt, GraphQLNonNull } from 'graphql';
import { badInput } from '../../../../errors.js';
import { bucketListOf } from '../type-helpers.js';
import { bucketsOf, fieldPath, type AggregationKind } from '../kind.js';

const DEFAULT_SIZE = 10;

/** The most frequent values of an exact field. Never `min_doc_count: 0`: that could name values outside DLS. */
export const terms: AggregationKind = {
  name: 'terms',
  cost: { kind: 'sized', argument: 'size', default: DEFAULT_SIZE },
  field: ({ exact }) =>
    exact && {
      type: bucketListOf('TermsBucket'),
      args: { field: { type: new GraphQLNonNull(exact) }, size: { type: GraphQLInt, defaultValue: DEFAULT_SIZE } },
      resolve: (parent, _args, _ctx, info) =>
        bucketsOf(parent, info.path.key).map((b) => ({ key: b.key_as_string ?? String(b.key), count: b.doc_count })),
    },
  plan(args, limits) {
    const size = (args.size as number | undefined) ?? DEFAULT_SIZE;
    if (size < 1 || size > limits.maxTermsSize) throw badInput(`terms size must be between 1 and ${limits.maxTermsSize}`);
    return { terms: { field: fieldPath(args.field), size } };
  },
};

import type { GraphQLFieldResolver } from 'graphql';
import type { IndexShape } from '../../access/view.js';
import type { GetContext } from './context.js';
import { ErrorCode, gqlError } from '../../errors.js';
import { sourcePaths } from '../document/selection.js';

/** `<index>ById`-style field: one document by id, or null when it does not exist or is hidden by DLS. */
export function getResolver(shape: IndexShape): GraphQLFieldResolver<unknown, GetContext, { id: string }> {
  return (_parent, args, ctx, info) => {
    const grant = ctx.permissions.grant(shape.visible.model.config.index);
    if (!grant) throw gqlError(ErrorCode.Forbidden, 'not permitted');
    const sets = info.fieldNodes.map((n) => n.selectionSet!).filter(Boolean);
    const paths = sourcePaths(sets, shape.visible.fields, info.fragments);
    return ctx.loaders.document(grant, paths).load(args.id);
  };
}

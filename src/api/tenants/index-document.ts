import type { GraphQLSchema } from 'graphql';
import type { IndexDefinition } from './definition.js';

/**
 * An index search saved in parts, as the GraphQL document that runs it for one caller. The argument types are
 * read from that caller's schema, and the parts travel as variables, so the caller's own schema judges them:
 * a filter or sort on a field they cannot see fails to coerce and the search is refused (src/api/tenants/prune.ts),
 * it never runs with the filter silently dropped.
 */
export type GeneratedDocument =
  | { readonly kind: 'ok'; readonly document: string; readonly variables: Record<string, unknown> }
  /** The caller's schema has no such index search, or not the arguments it needs (hidden or unknown alike). */
  | { readonly kind: 'refused'; readonly message: string };

export function indexSearchDocument(definition: IndexDefinition, schema: GraphQLSchema): GeneratedDocument {
  const field = schema.getQueryType()?.getFields()[definition.index];
  if (!field) return { kind: 'refused', message: `${definition.index} is not available to you` };
  const values: Record<string, unknown> = {
    query: definition.query,
    where: definition.where,
    orderBy: definition.orderBy,
    first: definition.first,
  };
  const declared: string[] = [];
  const passed: string[] = [];
  const variables: Record<string, unknown> = {};
  for (const arg of field.args) {
    // `after` is always declared, so a runner can page with `variables: { after }`.
    if (values[arg.name] === undefined && arg.name !== 'after') continue;
    declared.push(`$${arg.name}: ${String(arg.type)}`);
    passed.push(`${arg.name}: $${arg.name}`);
    if (values[arg.name] !== undefined) variables[arg.name] = values[arg.name];
  }
  // A part whose argument this caller's schema lacks cannot be honoured, and is never silently dropped.
  for (const [name, value] of Object.entries(values)) {
    if (value !== undefined && !field.args.some((a) => a.name === name)) {
      return { kind: 'refused', message: `${definition.index} was refused: its arguments name something not available to you` };
    }
  }
  const args = passed.length > 0 ? `(${passed.join(', ')})` : '';
  const vars = declared.length > 0 ? `(${declared.join(', ')})` : '';
  const document =
    `query SavedIndexSearch${vars} {\n` +
    `  ${definition.index}${args} {\n` +
    `    total totalRelation\n` +
    `    hits { id index score cursor document { ${selection(definition.fields)} } }\n` +
    `    pageInfo { hasNextPage endCursor }\n` +
    `  }\n}`;
  return { kind: 'ok', document, variables };
}

/** `["title", "director.name", "director.born"]` -> `title director { name born }`. */
function selection(paths: readonly string[]): string {
  interface Node {
    children: Map<string, Node>;
  }
  const root: Node = { children: new Map() };
  for (const path of paths) {
    let node = root;
    for (const segment of path.split('.')) {
      let next = node.children.get(segment);
      if (!next) {
        next = { children: new Map() };
        node.children.set(segment, next);
      }
      node = next;
    }
  }
  const render = (node: Node): string =>
    [...node.children].map(([name, child]) => (child.children.size > 0 ? `${name} { ${render(child)} }` : name)).join(' ');
  return render(root);
}

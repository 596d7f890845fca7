import { z } from 'zod';

/**
 * What a saved search holds: either a GraphQL document (with variables) or one index's search in parts
 * (free text, filter, sort, fields). Both run later against the *runner's* schema (src/api/tenants/run.ts), so a
 * definition names things; it never carries permissions.
 */
const MAX_TEXT = 65_536;
const graphqlName = /^[_A-Za-z][_0-9A-Za-z]*$/;

const jsonObject = z.record(z.string(), z.unknown());
/** Bounded so one saved search cannot fill the system index (or the runner's memory). */
const boundedJson = <T extends z.ZodType>(schema: T) =>
  schema.refine((v) => JSON.stringify(v).length <= MAX_TEXT, `must be at most ${MAX_TEXT} characters as JSON`);

const common = { description: z.string().max(1024).optional() };

export const documentDefinition = z.strictObject({
  kind: z.literal('document'),
  ...common,
  document: z.string().min(1).max(MAX_TEXT),
  operationName: z.string().regex(graphqlName, 'must be a GraphQL name').optional(),
  variables: boundedJson(jsonObject).optional(),
});

export const indexDefinition = z.strictObject({
  kind: z.literal('index'),
  ...common,
  /** The index's search field as it appears in the schema, e.g. `movies`. */
  index: z.string().regex(graphqlName, 'must be the search field of an index, e.g. movies'),
  query: z.string().max(4096).optional(),
  where: boundedJson(jsonObject).optional(),
  orderBy: boundedJson(z.array(jsonObject)).optional(),
  /** Document fields to return, as schema field paths: `title`, `director.name`. */
  fields: z
    .array(z.string().regex(/^[_A-Za-z][_0-9A-Za-z]*(\.[_A-Za-z][_0-9A-Za-z]*)*$/, 'must be a field path such as title or director.name'))
    .min(1)
    .max(200),
  first: z.number().int().min(0).max(10_000).optional(),
});

export const savedSearchDefinition = z.discriminatedUnion('kind', [documentDefinition, indexDefinition]);
export type SavedSearchDefinition = z.infer<typeof savedSearchDefinition>;
export type DocumentDefinition = z.infer<typeof documentDefinition>;
export type IndexDefinition = z.infer<typeof indexDefinition>;

/** Saved-search names: what people type, without control characters or surrounding space. */
export const savedSearchName = z
  .string()
  .min(1)
  .max(128)
  .refine((n) => n.trim() === n && !/\p{Cc}/u.test(n), 'must not have control characters or surrounding spaces');

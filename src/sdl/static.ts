import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeExecutableSchema } from '@graphql-tools/schema';
import {
  GraphQLEnumType,
  GraphQLInputObjectType,
  GraphQLObjectType,
  GraphQLScalarType,
  type GraphQLNamedType,
  type GraphQLSchema,
} from 'graphql';
import { GraphQLDateTimeISO, GraphQLJSON, GraphQLSafeInt } from 'graphql-scalars';

/**
 * The static parts of the API (schema/*.graphql), built once per process. Their type objects are shared by
 * every per-permission-set schema, which is what keeps a new permission set's schema cheap to build.
 */
const schemaDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'schema');

export function staticTypeDefs(): string[] {
  return readdirSync(schemaDir)
    .filter((f) => f.endsWith('.graphql'))
    .sort()
    .map((f) => readFileSync(join(schemaDir, f), 'utf8'));
}

const resolvers: Record<'DateTime' | 'JSON' | 'SafeInt', GraphQLScalarType> = {
  // DateTimeISO renders every instant the same way (`2011-04-21T00:00:00.000Z`), whatever format the index
  // used. Renamed, because graphql-tools names a scalar after the implementation it is given.
  DateTime: new GraphQLScalarType({ ...GraphQLDateTimeISO.toConfig(), name: 'DateTime' }),
  JSON: GraphQLJSON,
  SafeInt: GraphQLSafeInt,
};

let built: GraphQLSchema | undefined;

function staticSchema(): GraphQLSchema {
  built ??= makeExecutableSchema({ typeDefs: staticTypeDefs(), resolvers: resolvers as never });
  return built;
}

function named<T extends GraphQLNamedType>(name: string, ctor: abstract new (...args: never[]) => T): T {
  const t = staticSchema().getType(name);
  if (!(t instanceof ctor)) throw new Error(`schema/*.graphql must define ${name}`);
  return t;
}

export const staticTypes = {
  get schema() {
    return staticSchema();
  },
  object: (name: string) => named(name, GraphQLObjectType),
  input: (name: string) => named(name, GraphQLInputObjectType),
  enum: (name: string) => named(name, GraphQLEnumType),
  scalar: (name: string) => named(name, GraphQLScalarType),
};

import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { buildSchema, type GraphQLObjectType } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMITED, MASTER, startAdminGateway, type AdminGateway } from './support.js';

/** `security { schemaFor }` and `searchgate schema`: the SDL a user or role gets, for frontend codegen. */
describe('schemaFor (embedded)', () => {
  let gw: AdminGateway;
  const schemaFor = async (args: string, auth = MASTER) => gw.gql(`{ security { schemaFor(${args}) } }`, { auth });
  beforeAll(async () => {
    gw = await startAdminGateway('embedded');
  });
  afterAll(async () => {
    await gw?.close();
  });

  it("a user's SDL is what their introspection shows: limited-user's Movie has only their fields, plus id", async () => {
    const res = await schemaFor('user: "limited-user"');
    const sdl = res.body.data.security.schemaFor as string;
    const schema = buildSchema(sdl);
    const movie = schema.getType('Movie') as GraphQLObjectType;
    expect(Object.keys(movie.getFields()).sort()).toEqual(['id', 'plot', 'release_date', 'title', 'year']);
    expect(schema.getType('Flight')).toBeUndefined();
    expect(schema.getQueryType()!.getFields().security).toBeUndefined();
    // The same as limited-user's own introspection.
    const own = await gw.gql('{ __type(name: "Movie") { fields { name } } }', { auth: LIMITED });
    expect(own.body.data.__type.fields.map((f: { name: string }) => f.name).sort()).toEqual(Object.keys(movie.getFields()).sort());
  });

  it("an admin's SDL has the admin API; a role's SDL is that role alone", async () => {
    const master = buildSchema((await schemaFor('user: "master-user"')).body.data.security.schemaFor);
    expect(master.getQueryType()!.getFields().security).toBeDefined();
    expect(Object.keys((master.getType('Movie') as GraphQLObjectType).getFields())).toContain('actors');
    const newRole = buildSchema((await schemaFor('role: "new-role"')).body.data.security.schemaFor);
    expect(newRole.getType('Movie')).toBeUndefined();
    const flight = newRole.getType('Flight') as GraphQLObjectType;
    expect(Object.keys(flight.getFields())).toContain('id');
    expect(Object.keys(flight.getFields())).not.toContain('FlightNum');
  });

  it('refuses unknown users and roles, and ambiguous arguments, with stable codes', async () => {
    const code = (r: { body: { errors?: { extensions?: { code?: string } }[] } }) => r.body.errors?.[0]?.extensions?.code;
    expect(code(await schemaFor('user: "no-such-user"'))).toBe('NOT_FOUND');
    expect(code(await schemaFor('role: "no-such-role"'))).toBe('NOT_FOUND');
    expect(code(await schemaFor('user: "limited-user", role: "new-role"'))).toBe('BAD_USER_INPUT');
    expect(code(await gw.gql('{ security { schemaFor } }', { auth: MASTER }))).toBe('BAD_USER_INPUT');
  });

  it('is not in non-admins\' schemas', async () => {
    const res = await schemaFor('user: "limited-user"', LIMITED);
    expect(res.body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('`searchgate schema --user` prints the SDL from the running gateway; wrong credentials fail clearly', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'searchgate-schema-cli-'));
    try {
      const run = promisify(execFile);
      const env = { ...process.env, SEARCHGATE_AUTH: MASTER };
      const { stdout } = await run(process.execPath, ['bin/searchgate.js', 'schema', '--user', 'limited-user', '--url', gw.url], { env, timeout: 60_000 });
      expect(Object.keys((buildSchema(stdout).getType('Movie') as GraphQLObjectType).getFields()).sort()).toEqual(['id', 'plot', 'release_date', 'title', 'year']);
      const out = join(dir, 'schema.graphql');
      await run(process.execPath, ['bin/searchgate.js', 'schema', '--role', 'new-role', '--url', gw.url, '--out', out], { env, timeout: 60_000 });
      expect(await readFile(out, 'utf8')).toMatch(/type Flight \{/);
      const failed = await run(process.execPath, ['bin/searchgate.js', 'schema', '--user', 'limited-user', '--url', gw.url, '--auth', LIMITED], { timeout: 60_000 }).catch((e: { stderr: string; code: number }) => e);
      expect((failed as { code: number }).code).toBe(1);
      expect((failed as { stderr: string }).stderr).toMatch(/GRAPHQL_VALIDATION_FAILED.*administrator/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

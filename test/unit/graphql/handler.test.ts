import { GraphQLInt, GraphQLNonNull, GraphQLObjectType, GraphQLSchema, GraphQLString } from 'graphql';
import { describe, expect, it } from 'vitest';
import type { RequestContext } from '../../../src/api/context.js';
import { DEFAULT_LIMITS } from '../../../src/authz/limits.js';
import { handleGraphql, type GraphqlHttpRequest } from '../../../src/graphql/handler.js';
import { PermissionSchema } from '../../../src/graphql/schemas.js';
import { newRequestRecord, type RequestRecord } from '../../../src/observability/request.js';

/** The handler is a pure function of the request: every case here runs without a socket. */
const query = new GraphQLObjectType({
  name: 'Query',
  fields: {
    hello: { type: GraphQLString, args: { times: { type: GraphQLInt } }, resolve: (_r, args: { times?: number }) => 'hi'.repeat(args.times ?? 1) },
    boom: {
      type: GraphQLString,
      resolve: () => {
        throw new Error('connect ECONNREFUSED 10.0.0.7:9200 index secret-hr');
      },
    },
  },
});
const mutation = new GraphQLObjectType({ name: 'Mutation', fields: { touch: { type: new GraphQLNonNull(GraphQLString), resolve: () => 'touched' } } });
const full = new PermissionSchema(new GraphQLSchema({ query, mutation }));
const narrow = new PermissionSchema(new GraphQLSchema({ query: new GraphQLObjectType({ name: 'Query', fields: { hello: { type: GraphQLString, resolve: () => 'hi' } } }) }));

interface Sent {
  method?: string;
  headers?: Record<string, string>;
  search?: string;
  body?: unknown;
}

async function send(sent: Sent, target = full) {
  const headers = Object.fromEntries(Object.entries(sent.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
  const request: GraphqlHttpRequest = {
    method: sent.method ?? 'POST',
    header: (name) => headers[name],
    search: sent.search ?? '',
    body: typeof sent.body === 'string' ? sent.body : sent.body === undefined ? '' : JSON.stringify(sent.body),
  };
  const record: RequestRecord = newRequestRecord('req-1');
  const ctx = { limits: DEFAULT_LIMITS, record } as unknown as RequestContext;
  const res = await handleGraphql(request, target, () => ctx, record);
  return { ...res, json: JSON.parse(res.body) as { data?: Record<string, unknown>; errors?: { message: string; extensions: Record<string, unknown> }[] }, record };
}

const JSON_HEADERS = { 'content-type': 'application/json' };
const codes = (r: Awaited<ReturnType<typeof send>>) => (r.json.errors ?? []).map((e) => e.extensions.code);

describe('GraphQL over HTTP', () => {
  it('runs a POST with a JSON body, and a GET with its parameters in the URL', async () => {
    const post = await send({ headers: JSON_HEADERS, body: { query: 'query Q($n: Int) { hello(times: $n) }', variables: { n: 2 } } });
    expect(post.status).toBe(200);
    expect(post.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(post.json).toEqual({ data: { hello: 'hihi' } });
    expect(post.record).toMatchObject({ operationType: 'query', operationName: 'Q' });
    const get = await send({ method: 'GET', headers: { 'apollo-require-preflight': 'true' }, search: `?query=${encodeURIComponent('{ hello }')}` });
    expect(get.status).toBe(200);
    expect(get.json).toEqual({ data: { hello: 'hi' } });
  });

  it('blocks what a form or an <img> could send cross-site (CSRF), unless a preflight-forcing header is present', async () => {
    const get = await send({ method: 'GET', search: '?query={hello}' });
    expect(get.status).toBe(400);
    expect(get.json.errors![0]!.message).toMatch(/Cross-Site Request Forgery/);
    expect(get.json.data).toBeUndefined();
    const form = await send({ headers: { 'content-type': 'text/plain' }, body: { query: '{ hello }' } });
    expect(form.status).toBe(400);
    expect(codes(form)).toEqual(['BAD_REQUEST']);
    // With the header, the browser would have had to ask first: the content type is then simply unsupported.
    const plain = await send({ headers: { 'content-type': 'text/plain', 'x-apollo-operation-name': 'Q' }, body: { query: '{ hello }' } });
    expect(plain.status).toBe(415);
    const getTyped = await send({ method: 'GET', headers: { 'content-type': 'text/plain', 'apollo-require-preflight': '1' }, search: '?query={hello}' });
    expect(getTyped.status).toBe(415);
  });

  it('answers other methods, and mutations over GET, with 405 and the allowed methods', async () => {
    const put = await send({ method: 'PUT', headers: JSON_HEADERS, body: { query: '{ hello }' } });
    expect(put.status).toBe(405);
    expect(put.headers.allow).toBe('GET, POST');
    expect(codes(put)).toEqual(['METHOD_NOT_ALLOWED']);
    const get = await send({ method: 'GET', headers: { 'apollo-require-preflight': '1' }, search: `?query=${encodeURIComponent('mutation { touch }')}` });
    expect(get.status).toBe(405);
    expect(get.headers.allow).toBe('POST');
    const post = await send({ headers: JSON_HEADERS, body: { query: 'mutation { touch }' } });
    expect(post.json).toEqual({ data: { touch: 'touched' } });
  });

  it('refuses malformed requests with 400 and BAD_REQUEST, saying what is wrong', async () => {
    const cases: [Sent, RegExp][] = [
      [{ headers: JSON_HEADERS, body: '{"query": ' }, /not valid JSON/],
      [{ headers: JSON_HEADERS, body: {} }, /no keys/],
      [{ headers: JSON_HEADERS, body: [1] }, /no keys/],
      [{ headers: JSON_HEADERS, body: { query: 42 } }, /must be strings/],
      [{ headers: JSON_HEADERS, body: { query: '{ hello }', variables: '{"n":1}' } }, /not a recursively JSON-encoded string/],
      [{ headers: JSON_HEADERS, body: { query: '{ hello }', variables: [1] } }, /must be an object/],
      [{ headers: JSON_HEADERS, body: { query: '{ hello }', operationName: 7 } }, /must be a string/],
      [{ headers: JSON_HEADERS, body: { variables: {} } }, /non-empty `query`/],
      [{ method: 'GET', headers: { 'apollo-require-preflight': '1' }, search: '?query={hello}&query={hello}' }, /only be specified once/],
      [{ method: 'GET', headers: { 'apollo-require-preflight': '1' }, search: '?query={hello}&variables=nope' }, /invalid JSON/],
    ];
    for (const [sent, message] of cases) {
      const r = await send(sent);
      expect(r.status, JSON.stringify(sent)).toBe(400);
      expect(codes(r)).toEqual(['BAD_REQUEST']);
      expect(r.json.errors![0]!.message).toMatch(message);
    }
  });

  it('codes parse, validation and operation errors (400) and variable errors (BAD_USER_INPUT)', async () => {
    const syntax = await send({ headers: JSON_HEADERS, body: { query: '{ hello ' } });
    expect([syntax.status, ...codes(syntax)]).toEqual([400, 'GRAPHQL_PARSE_FAILED']);
    const unknown = await send({ headers: JSON_HEADERS, body: { query: '{ nope }' } });
    expect([unknown.status, ...codes(unknown)]).toEqual([400, 'GRAPHQL_VALIDATION_FAILED']);
    const twoOps = await send({ headers: JSON_HEADERS, body: { query: 'query A { hello } query B { hello }' } });
    expect([twoOps.status, ...codes(twoOps)]).toEqual([400, 'OPERATION_RESOLUTION_FAILURE']);
    const picked = await send({ headers: JSON_HEADERS, body: { query: 'query A { hello } query B { hello(times: 3) }', operationName: 'B' } });
    expect(picked.json).toEqual({ data: { hello: 'hihihi' } });
    const variable = await send({ headers: JSON_HEADERS, body: { query: 'query($n: Int) { hello(times: $n) }', variables: { n: 'two' } } });
    expect(codes(variable)).toEqual(['BAD_USER_INPUT']);
    expect(variable.json.data).toBeUndefined();
    const persisted = await send({ headers: JSON_HEADERS, body: { extensions: { persistedQuery: { version: 1, sha256Hash: 'ab' } } } });
    expect(codes(persisted)).toEqual(['PERSISTED_QUERY_NOT_SUPPORTED']);
  });

  it('validates against each permission set separately: what one may ask, another may not', async () => {
    const text = '{ hello boom }';
    expect(codes(await send({ headers: JSON_HEADERS, body: { query: text } }, full))).toEqual(['INTERNAL_SERVER_ERROR']);
    const refused = await send({ headers: JSON_HEADERS, body: { query: text } }, narrow);
    expect([refused.status, ...codes(refused)]).toEqual([400, 'GRAPHQL_VALIDATION_FAILED']);
    // Cached per permission set, and still right the second time on each.
    expect((await send({ headers: JSON_HEADERS, body: { query: text } }, narrow)).status).toBe(400);
    expect((await send({ headers: JSON_HEADERS, body: { query: text } }, full)).status).toBe(200);
  });

  it('never lets an unexpected error through: a bare internal error with the request id, recorded', async () => {
    const r = await send({ headers: JSON_HEADERS, body: { query: '{ hello boom }' } });
    expect(r.json.data).toEqual({ hello: 'hi', boom: null });
    expect(r.json.errors).toEqual([{ message: 'internal error', path: ['boom'], extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: 'req-1' } }]);
    expect(r.body).not.toMatch(/ECONNREFUSED|secret-hr|10\.0\.0\.7/);
    expect(r.record.codes).toEqual(['INTERNAL_SERVER_ERROR']);
  });

  it('answers in the media type the client accepts', async () => {
    const strict = await send({ headers: { ...JSON_HEADERS, accept: 'application/graphql-response+json' }, body: { query: '{ hello }' } });
    expect(strict.headers['content-type']).toBe('application/graphql-response+json; charset=utf-8');
    const either = await send({ headers: { ...JSON_HEADERS, accept: 'application/graphql-response+json, application/json;q=0.9' }, body: { query: '{ hello }' } });
    expect(either.headers['content-type']).toBe('application/json; charset=utf-8');
    const html = await send({ headers: { ...JSON_HEADERS, accept: 'text/html' }, body: { query: '{ hello }' } });
    expect(html.status).toBe(406);
  });
});

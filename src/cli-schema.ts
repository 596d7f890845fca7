import { writeFile } from 'node:fs/promises';
import { loadConfig } from './config/load.js';

/**
 * `searchgate schema --user NAME`: the schema (SDL) a user or role gets, for frontend code generation. It asks
 * the running gateway's admin API (`security { schemaFor }`), since a schema depends on the live catalog and
 * configuration, with an administrator's credentials — the same authority as GraphiQL or any admin client.
 */
export interface SchemaCommandOptions {
  readonly user?: string;
  readonly role?: string;
  /** The gateway's base URL; default from the config file's server.host and server.port (PORT overrides). */
  readonly url?: string;
  readonly config: string;
  /** `user:password` (basic) or a whole Authorization value (`Bearer ...`). */
  readonly auth?: string;
  readonly out?: string;
}

export async function schemaCommand(opts: SchemaCommandOptions, io: { stdout: NodeJS.WritableStream } = { stdout: process.stdout }): Promise<void> {
  if ((opts.user === undefined) === (opts.role === undefined)) throw new Error('give exactly one of --user and --role');
  if (!opts.auth) throw new Error('an administrator\'s credentials are needed: --auth user:password, or SEARCHGATE_AUTH');
  const base = opts.url ?? (await defaultUrl(opts.config));
  const authorization = /^(Basic|Bearer) /.test(opts.auth) ? opts.auth : `Basic ${Buffer.from(opts.auth, 'utf8').toString('base64')}`;
  const res = await fetch(new URL('/graphql', base), {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization },
    body: JSON.stringify({
      query: 'query ($user: String, $role: String) { security { schemaFor(user: $user, role: $role) } }',
      variables: { user: opts.user ?? null, role: opts.role ?? null },
    }),
  }).catch((err: Error) => {
    throw new Error(`cannot reach the gateway at ${base} (${(err.cause as Error | undefined)?.message ?? err.message}); is it running? (--url)`);
  });
  const text = await res.text();
  let body: { data?: { security?: { schemaFor?: string } }; errors?: { message: string; extensions?: { code?: string } }[] };
  try {
    body = JSON.parse(text);
  } catch {
    throw new Error(`the gateway answered HTTP ${res.status}: ${text.slice(0, 200)}`);
  }
  const sdl = body.data?.security?.schemaFor;
  if (typeof sdl !== 'string') {
    const e = body.errors?.[0];
    const hint = e?.extensions?.code === 'GRAPHQL_VALIDATION_FAILED' ? ' (are these an administrator\'s credentials?)' : '';
    throw new Error(`${e ? `${e.message} [${e.extensions?.code ?? 'error'}]` : `HTTP ${res.status}`}${hint}`);
  }
  if (opts.out) await writeFile(opts.out, `${sdl}\n`, 'utf8');
  else io.stdout.write(`${sdl}\n`);
}

async function defaultUrl(configFile: string): Promise<string> {
  const { config } = await loadConfig(configFile);
  const host = ['0.0.0.0', '::', ''].includes(config.server.host) ? '127.0.0.1' : config.server.host;
  return `http://${host.includes(':') ? `[${host}]` : host}:${config.server.port}`;
}

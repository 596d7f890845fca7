import { readFile } from 'node:fs/promises';
import { Client, Connection, Transport, type ClientOptions } from '@opensearch-project/opensearch';
import { AwsSigv4Signer } from '@opensearch-project/opensearch/aws-v3';
import { defaultProvider } from '@aws-sdk/credential-provider-node';
import type { Engine } from '../engine/engine.js';
import { nodeUrls, type BackendOptions } from './options.js';
import { sharedWarningsTransport } from './shared-warnings-transport.js';
import { undiciConnection } from './undici-connection.js';

/**
 * The one place in the gateway that constructs a search client. Everything else receives a `Backend` and
 * talks through `backend.client`, so a real node and the embedded engine are interchangeable above here.
 */
export interface Backend {
  readonly client: Client;
  readonly kind: 'opensearch' | 'embedded';
  /** For logs and the start-up line, e.g. 'OpenSearch 3.6.0 at http://127.0.0.1:9200'. Never holds secrets. */
  readonly description: string;
  /** Whether the backend answers right now (no retries; never throws). */
  ping(): Promise<boolean>;
  /** Releases sockets (real node) or flushes and closes the data folder (embedded). Safe to call twice. */
  close(): Promise<void>;
}

/** AWS credentials as the SigV4 signer takes them. */
export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  expiration?: Date;
}

export interface BackendDependencies {
  /** Where SigV4 credentials come from; default: the AWS default credential chain (env, profile, SSO,
   *  web identity, ECS/EC2 metadata). Tests inject fixed credentials here. */
  awsCredentials?: () => Promise<AwsCredentials>;
}

/** The backend could not be set up or did not accept us: nothing may be served from it. */
export class BackendStartError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'BackendStartError';
  }
}

export async function createBackend(options: BackendOptions, deps: BackendDependencies = {}): Promise<Backend> {
  const urls = nodeUrls(options);
  return urls.length === 0 ? openEmbedded(options) : connectToNodes(options, urls, deps);
}

async function openEmbedded(options: BackendOptions): Promise<Backend> {
  const dataDir = options.embedded?.dataDir;
  // parseBackendOptions already insists on this; a hand-built options object must not fall back to memory,
  // which would lose every write on restart.
  if (dataDir === undefined) throw new BackendStartError('the embedded engine needs backend.embedded.dataDir');
  // Loaded on demand: a gateway in front of a real node never pulls the engine's code into memory.
  const [{ Engine: EngineClass }, { embeddedConnection }] = await Promise.all([
    import('../engine/engine.js'),
    import('../engine/connection.js'),
  ]);
  let engine: Engine;
  try {
    engine = await EngineClass.open({ dataDir, repairTornTail: options.embedded?.repairTornTail ?? false });
  } catch (err) {
    throw new BackendStartError(`cannot open the embedded engine at ${dataDir}: ${messageOf(err)}`, { cause: err });
  }
  let client: Client;
  try {
    client = new Client({
      node: 'http://embedded.local',
      Connection: embeddedConnection(engine),
      // In-process calls have no network to fail transiently; retrying would only repeat an engine error.
      maxRetries: 0,
      requestTimeout: options.requestTimeoutMs,
    });
  } catch (err) {
    await engine.close();
    throw new BackendStartError(`cannot create the embedded engine's client: ${messageOf(err)}`, { cause: err });
  }
  return {
    client,
    kind: 'embedded',
    description: `embedded engine at ${dataDir}`,
    ping: () => pingWith(client, 'ping'),
    close: once(async () => {
      await client.close();
      await engine.close();
    }),
  };
}

async function connectToNodes(options: BackendOptions, urls: string[], deps: BackendDependencies): Promise<Backend> {
  const clientOptions: ClientOptions = {
    nodes: urls,
    requestTimeout: options.requestTimeoutMs,
    maxRetries: options.maxRetries,
  };
  if (urls.some((u) => u.startsWith('https:'))) clientOptions.ssl = await tlsSettings(options);
  if (options.auth) clientOptions.auth = { username: options.auth.username, password: options.auth.password };
  // Sockets through undici (see undici-connection.ts); the SigV4 signer's Connection still builds (signs)
  // each request, its Transport still refreshes credentials.
  let base: typeof Connection = Connection;
  let transport: typeof Transport = Transport;
  if (options.sigv4) {
    const signer = AwsSigv4Signer({
      region: options.sigv4.region,
      service: options.sigv4.service,
      getCredentials: deps.awsCredentials ?? defaultProvider(),
    });
    base = signer.Connection as unknown as typeof Connection;
    transport = signer.Transport as unknown as typeof Transport;
  }
  clientOptions.Connection = undiciConnection(base, { connectTimeoutMs: options.requestTimeoutMs });
  // Without it every request's objects are promoted to the old generation (see shared-warnings-transport.ts).
  clientOptions.Transport = sharedWarningsTransport(transport);

  let client: Client;
  try {
    client = new Client(clientOptions);
  } catch (err) {
    throw new BackendStartError(`cannot create the OpenSearch client for ${urls.join(', ')}: ${messageOf(err)}`, {
      cause: err,
    });
  }

  const where = urls.join(', ');
  const notes: string[] = [];
  if (options.sigv4) notes.push(`SigV4 ${options.sigv4.service} ${options.sigv4.region}`);
  if (options.tls?.rejectUnauthorized === false) notes.push('TLS verification OFF');
  const suffix = notes.length > 0 ? ` (${notes.join(', ')})` : '';

  // OpenSearch Serverless has no `GET /` (cluster info) or `HEAD /`; listing indices proves reachability
  // and that the credentials are accepted.
  const serverless = options.sigv4?.service === 'aoss';
  let product: string;
  try {
    if (serverless) {
      await client.cat.indices({ format: 'json', h: 'index' } as never);
      product = 'OpenSearch Serverless';
    } else {
      const info = (await client.info()).body as { version?: { number?: string; distribution?: string } };
      const distribution = info.version?.distribution === 'opensearch' ? 'OpenSearch' : (info.version?.distribution ?? 'search engine');
      product = `${distribution} ${info.version?.number ?? '(unknown version)'}`;
    }
  } catch (err) {
    await client.close().catch(() => undefined);
    throw new BackendStartError(`cannot use the backend at ${where}${suffix}: ${describeFailure(err, options)}`, {
      cause: err,
    });
  }

  return {
    client,
    kind: 'opensearch',
    description: `${product} at ${where}${suffix}`,
    ping: () => pingWith(client, serverless ? 'cat' : 'ping'),
    close: once(() => client.close()),
  };
}

/** TLS settings for https nodes. Verification is on unless the file explicitly turns it off. */
async function tlsSettings(options: BackendOptions): Promise<NonNullable<ClientOptions['ssl']>> {
  const tls = options.tls;
  // Explicit `true` rather than leaving it unset: an unset option would let NODE_TLS_REJECT_UNAUTHORIZED=0
  // in the environment switch verification off behind the configuration's back.
  const ssl: NonNullable<ClientOptions['ssl']> = { rejectUnauthorized: tls?.rejectUnauthorized ?? true };
  if (tls?.caFile) ssl.ca = await readPem('tls.caFile', tls.caFile);
  if (tls?.certFile) ssl.cert = await readPem('tls.certFile', tls.certFile);
  if (tls?.keyFile) ssl.key = await readPem('tls.keyFile', tls.keyFile);
  return ssl;
}

async function readPem(setting: string, file: string): Promise<string> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new BackendStartError(`backend.${setting}: cannot read ${file}: ${messageOf(err)}`, { cause: err });
  }
  if (!text.includes('-----BEGIN ')) {
    throw new BackendStartError(`backend.${setting}: ${file} is not a PEM file (no "-----BEGIN" line)`);
  }
  return text;
}

async function pingWith(client: Client, how: 'ping' | 'cat'): Promise<boolean> {
  try {
    if (how === 'cat') {
      await client.cat.indices({ format: 'json', h: 'index' } as never, { maxRetries: 0 });
      return true;
    }
    const res = await client.ping({}, { maxRetries: 0 });
    return res.statusCode === 200;
  } catch {
    return false;
  }
}

interface ClientErrorShape {
  name?: string;
  message?: string;
  meta?: { statusCode?: number; body?: { error?: { type?: string; reason?: string } | string } };
}

function describeFailure(err: unknown, options: BackendOptions): string {
  const e = err as ClientErrorShape;
  if (e?.name === 'ResponseError') {
    const status = e.meta?.statusCode;
    const body = e.meta?.body?.error;
    const reason = typeof body === 'string' ? body : body?.reason ?? body?.type ?? '';
    if (status === 401 || status === 403) {
      const how = options.sigv4 ? 'SigV4 credentials' : options.auth ? 'username/password' : 'anonymous request';
      return `the node refused the ${how} (HTTP ${status}${reason ? `: ${reason}` : ''})`;
    }
    return `HTTP ${status}${reason ? `: ${reason}` : ''}`;
  }
  if (e?.name === 'TimeoutError') {
    return `no answer within ${options.requestTimeoutMs} ms (after ${options.maxRetries} retries)`;
  }
  return messageOf(err);
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function once(fn: () => Promise<void>): () => Promise<void> {
  let done: Promise<void> | undefined;
  return () => (done ??= fn());
}

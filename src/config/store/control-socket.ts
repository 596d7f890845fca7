import { chmod, rm } from 'node:fs/promises';
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import { join } from 'node:path';
import type { AuditLog } from '../../audit/audit-log.js';
import { SecurityConfigError } from '../security/errors.js';
import { parseSecurityTexts, type SecurityTexts } from '../security/load.js';
import type { ConfigStore } from './store.js';
import { changedEntries, exportTexts, importSecurity } from './transfer.js';

/**
 * `searchgate config export|import` while the gateway runs on the embedded engine. The engine's data folder
 * is locked by the running gateway (ENGINE_LOCKED), so the CLI cannot open the store itself; instead the
 * gateway listens on a Unix socket inside that folder and runs the command on its own store. The socket is
 * mode 0600 in the data folder: whoever may use it could open the data folder directly when the gateway is
 * stopped, so it grants nothing the CLI did not already need — which is why it may carry password hashes,
 * which the GraphQL admin API never returns. It serves nothing but these two commands.
 */

export const CONTROL_SOCKET = 'searchgate.sock';
const MAX_BODY = 16 * 1024 * 1024;

export function controlSocketPath(dataDir: string): string {
  return join(dataDir, CONTROL_SOCKET);
}

export interface ExportReply {
  readonly version: number;
  readonly texts: Record<string, string>;
}
export interface ImportRequest {
  readonly texts: SecurityTexts;
  /** The folder's path as the CLI saw it, for the version summary and the audit record. */
  readonly source: string;
  readonly author: string;
}
export interface ImportReply {
  readonly version: number;
  readonly changed: boolean;
  readonly entries: string[];
}

export interface ControlSocket {
  readonly path: string;
  close(): Promise<void>;
}

/**
 * Listens on `<dataDir>/searchgate.sock`. A socket file already there is stale (this process holds the
 * engine's lock), so it is replaced. Returns undefined with `onError` called when the socket cannot be
 * created (e.g. a path beyond the OS limit of ~107 bytes): the gateway runs anyway, the CLI then reports
 * ENGINE_LOCKED as before.
 */
export async function openControlSocket(opts: {
  readonly dataDir: string;
  readonly store: ConfigStore;
  readonly audit: AuditLog;
  readonly onError: (err: unknown, path: string) => void;
}): Promise<ControlSocket | undefined> {
  const path = controlSocketPath(opts.dataDir);
  const server = createServer((req, res) => {
    handle(req, res, opts).catch((err: unknown) => reply(res, 500, { error: (err as Error).message }));
  });
  try {
    await rm(path, { force: true });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(path, () => resolve());
    });
    await chmod(path, 0o600);
  } catch (err) {
    server.close();
    opts.onError(err, path);
    return undefined;
  }
  return {
    path,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await rm(path, { force: true });
    },
  };
}

async function handle(req: IncomingMessage, res: ServerResponse, opts: { store: ConfigStore; audit: AuditLog }): Promise<void> {
  if (req.method !== 'POST') return reply(res, 405, { error: 'POST only' });
  const body = await readJson(req);
  if (req.url === '/config/export') {
    const out = await exportTexts(opts.store);
    return reply(res, 200, out satisfies ExportReply);
  }
  if (req.url === '/config/import') {
    const { texts, source, author } = body as ImportRequest;
    if (typeof source !== 'string' || typeof author !== 'string' || typeof texts !== 'object' || texts === null) {
      return reply(res, 400, { error: 'expected { texts, source, author }' });
    }
    let config;
    try {
      config = parseSecurityTexts(texts);
    } catch (err) {
      if (err instanceof SecurityConfigError) return reply(res, 400, { error: err.message });
      throw err;
    }
    const out = await importSecurity(opts.store, config, source, author);
    if (out.changed) {
      const { before, after } = changedEntries(out.before.config, out.after.config, out.entries);
      opts.audit.record({ category: 'COMPLIANCE_INTERNAL_CONFIG_WRITE', user: author, operation: 'IMPORT', resource: source, configVersion: out.version, before, after });
    }
    return reply(res, 200, { version: out.version, changed: out.changed, entries: out.entries } satisfies ImportReply);
  }
  return reply(res, 404, { error: `no such command ${req.url}` });
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new Error(`request larger than ${MAX_BODY} bytes`);
    chunks.push(chunk as Buffer);
  }
  return size === 0 ? {} : JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

function reply(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

/** Client side. Undefined when no gateway listens there (no socket, or a stale one): the caller opens the store itself. */
export async function callControlSocket<T>(dataDir: string, command: '/config/export' | '/config/import', body: unknown): Promise<T | undefined> {
  const socketPath = controlSocketPath(dataDir);
  return new Promise<T | undefined>((resolve, reject) => {
    const req = request({ socketPath, path: command, method: 'POST', headers: { 'content-type': 'application/json' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        let parsed: { error?: string };
        try {
          parsed = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        } catch {
          return reject(new Error(`the running gateway answered ${res.statusCode} with something other than JSON`));
        }
        if (res.statusCode !== 200) return reject(new Error(parsed.error ?? `the running gateway answered ${res.statusCode}`));
        resolve(parsed as T);
      });
    });
    req.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT' || err.code === 'ECONNREFUSED') resolve(undefined);
      else reject(err);
    });
    req.end(JSON.stringify(body));
  });
}

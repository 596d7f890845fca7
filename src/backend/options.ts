import { z } from 'zod';

/**
 * The `backend` section of searchgate.yml: which search engine the gateway talks to and how.
 *
 *   backend:
 *     url: https://search.example.com:9200     # or a list of node URLs; absent = the embedded engine
 *     auth: { username: searchgate, password: ... }       # HTTP basic auth (not with sigv4)
 *     tls: { caFile: ./ca.pem, rejectUnauthorized: true, certFile: ./client.pem, keyFile: ./client.key }
 *     requestTimeoutMs: 10000
 *     maxRetries: 2                            # retries on connection errors, timeouts, 502/503/504
 *     sigv4: { region: eu-west-1, service: es }  # Amazon OpenSearch Service (es) or Serverless (aoss)
 *     batchSearches: true                      # concurrent small searches share one _msearch (real nodes)
 *     embedded: { dataDir: ./data }            # the embedded engine's data folder (used only without url)
 *
 * Environment overrides (applied by src/config/load.ts before this schema runs):
 *   OPENSEARCH_URL   sets `url` (and so selects a real node instead of the embedded engine)
 *   SEARCHGATE_DATA  sets `embedded.dataDir`
 *
 * Unknown keys are errors everywhere: a misspelt `rejectUnauthorised: false` must not be silently ignored,
 * and a misspelt `caFile` must not silently fall back to the system trust store.
 */

const nodeUrl = z.string().superRefine((value, ctx) => {
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    ctx.addIssue({ code: 'custom', message: `"${value}" is not a URL (expected e.g. https://search.example.com:9200)` });
    return;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    ctx.addIssue({ code: 'custom', message: `"${value}" must use http:// or https://, not ${parsed.protocol}//` });
  }
  // Credentials inside a URL end up in logs and in the backend description; they belong under `auth`.
  if (parsed.username !== '' || parsed.password !== '') {
    ctx.addIssue({ code: 'custom', message: 'must not contain credentials: put them under backend.auth' });
  }
  if (parsed.search !== '' || parsed.hash !== '') {
    ctx.addIssue({ code: 'custom', message: `"${value}" must not have a query string or fragment` });
  }
});

const nonEmpty = (what: string) => z.string({ error: `${what} must be a string` }).min(1, `${what} must not be empty`);

const authSchema = z.strictObject({
  username: nonEmpty('username'),
  password: nonEmpty('password'),
});

const tlsSchema = z.strictObject({
  /** PEM file of the CA(s) that signed the node's certificate; absent = the system trust store. */
  caFile: nonEmpty('caFile').optional(),
  /** Verify the node's certificate and host name. Turning this off must be an explicit choice. */
  rejectUnauthorized: z.boolean({ error: 'rejectUnauthorized must be true or false' }).default(true),
  /** Client certificate and key for mutual TLS; both or neither. */
  certFile: nonEmpty('certFile').optional(),
  keyFile: nonEmpty('keyFile').optional(),
});

const sigv4Schema = z.strictObject({
  region: nonEmpty('region').regex(/^[a-z0-9-]+$/, 'region must look like an AWS region, e.g. eu-west-1'),
  service: z.enum(['es', 'aoss'], {
    error: 'service must be "es" (Amazon OpenSearch Service) or "aoss" (OpenSearch Serverless)',
  }),
});

const embeddedSchema = z.strictObject({
  dataDir: nonEmpty('dataDir'),
  /**
   * After a crash mid-write the log may end in half a record that was never acknowledged. The engine refuses
   * to open such a log unless told to cut that tail off (SEARCHGATE_REPAIR_TORN_TAIL=1 sets this).
   */
  repairTornTail: z.boolean().default(false),
});

export const backendOptionsSchema = z
  .strictObject({
    url: z.union([nodeUrl, z.array(nodeUrl).min(1, 'url list must not be empty')]).optional(),
    auth: authSchema.optional(),
    tls: tlsSchema.optional(),
    requestTimeoutMs: z
      .number({ error: 'requestTimeoutMs must be a number of milliseconds' })
      .int('requestTimeoutMs must be a whole number of milliseconds')
      .min(1, 'requestTimeoutMs must be at least 1')
      .max(600_000, 'requestTimeoutMs must be at most 600000 (10 minutes)')
      .default(10_000),
    maxRetries: z
      .number({ error: 'maxRetries must be a number' })
      .int('maxRetries must be a whole number')
      .min(0, 'maxRetries must be 0 or more')
      .max(10, 'maxRetries must be at most 10')
      .default(2),
    sigv4: sigv4Schema.optional(),
    /**
     * Searches started in the same event-loop turn go to a real node as one `_msearch` (src/backend/
     * search-batch.ts): one HTTP exchange instead of many under load. The embedded engine has no HTTP to save.
     */
    batchSearches: z.boolean({ error: 'batchSearches must be true or false' }).default(true),
    embedded: embeddedSchema.optional(),
  })
  .superRefine((o, ctx) => {
    const urls = o.url === undefined ? [] : Array.isArray(o.url) ? o.url : [o.url];
    if (urls.length === 0) {
      // The embedded engine: settings for a remote node mean the operator expected one. Fail instead of
      // quietly serving from a local folder.
      for (const key of ['auth', 'tls', 'sigv4'] as const) {
        if (o[key] !== undefined) {
          ctx.addIssue({
            code: 'custom',
            path: [key],
            message: `${key} applies to a real OpenSearch node, but no url is set (set backend.url or OPENSEARCH_URL)`,
          });
        }
      }
      if (o.embedded === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['embedded', 'dataDir'],
          message: 'without a url the embedded engine is used and needs embedded.dataDir',
        });
      }
      return;
    }
    if (o.auth !== undefined && o.sigv4 !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['auth'], message: 'use either auth (basic) or sigv4, not both' });
    }
    if (o.tls !== undefined) {
      const plain = urls.filter((u) => u.startsWith('http:'));
      if (plain.length > 0) {
        ctx.addIssue({
          code: 'custom',
          path: ['tls'],
          message: `tls is configured but ${plain.join(', ')} is plain http:// (use https://)`,
        });
      }
      if ((o.tls.certFile === undefined) !== (o.tls.keyFile === undefined)) {
        ctx.addIssue({ code: 'custom', path: ['tls'], message: 'certFile and keyFile go together (both or neither)' });
      }
    }
    if (o.sigv4 !== undefined && urls.length > 1) {
      ctx.addIssue({ code: 'custom', path: ['url'], message: 'sigv4 takes one endpoint URL (the domain or collection endpoint)' });
    }
  });

export type BackendOptions = z.output<typeof backendOptionsSchema>;
/** What may be written in the file (defaults not yet applied). */
export type BackendOptionsInput = z.input<typeof backendOptionsSchema>;

/** The `backend` section is invalid; `problems` are `path: message` lines under `backend.`. */
export class BackendOptionsError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`invalid backend configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'BackendOptionsError';
  }
}

/** Validates the raw `backend` section and applies defaults. Throws BackendOptionsError listing every problem. */
export function parseBackendOptions(raw: unknown): BackendOptions {
  const parsed = backendOptionsSchema.safeParse(raw ?? {});
  if (parsed.success) return parsed.data;
  throw new BackendOptionsError(
    parsed.error.issues.map((issue) => {
      const path = ['backend', ...issue.path.map(String)].join('.');
      return `${path}: ${issue.message}`;
    }),
  );
}

/** The node URLs as a list (empty = the embedded engine). */
export function nodeUrls(options: BackendOptions): string[] {
  if (options.url === undefined) return [];
  return Array.isArray(options.url) ? [...options.url] : [options.url];
}

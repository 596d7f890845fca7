/**
 * Profile-backed attribution of a child's CPU time to cost buckets. A V8 CPU profile (from the inspector
 * Profiler, see harness.ts) has a sample every ~200 µs with its whole call stack; each sample's time goes to
 * the bucket of the innermost frame that identifies an owner (walking from the leaf to the root). Generic
 * frames (streams, events, buffers, natives such as writev) identify nothing, so their time goes to whoever
 * called them: a socket write under node:http's server is "node:http server", under undici "client HTTP
 * transport". Idle time is left out.
 *
 * `node bench/gateway/profile.ts FILE.cpuprofile` prints the table for one profile.
 */
import { readFileSync } from 'node:fs';

export const BUCKETS = [
  'client HTTP transport',
  'node:http server',
  'GC',
  'GraphQL server pipeline',
  'event loop / promises',
  'authentication',
  'JSON.parse of the backend answer',
  'client Transport bookkeeping',
  'resolvers + planner',
  'authorization',
  'response stringify',
  'projection + masking',
  'compiled execution',
  'logging + metrics',
  'tsx loader hooks',
  'V8 native (program)',
  'other',
] as const;
export type Bucket = (typeof BUCKETS)[number];

interface CallFrame { functionName: string; url: string }
interface ProfileNode { id: number; callFrame: CallFrame; children?: number[] }
export interface CpuProfile { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number }

const project = (dir: string) => new RegExp(`/(?:src|dist)/${dir}`);
const RULES: [Bucket, (f: CallFrame) => boolean][] = [
  ['GC', (f) => f.functionName === '(garbage collector)'],
  ['V8 native (program)', (f) => f.functionName === '(program)'],
  ['JSON.parse of the backend answer', (f) => f.url.includes('secure-json-parse') || (f.url.includes('opensearch/lib/Serializer') && f.functionName === 'deserialize')],
  ['client Transport bookkeeping', (f) => f.url.includes('opensearch/lib/Serializer')],
  ['client HTTP transport', (f) => f.url.includes('/undici/') || f.url.includes('undici-connection') || f.url.includes('opensearch/lib/Connection') || f.url.startsWith('wasm://') || /^node:_http_(client|agent)/.test(f.url)],
  ['client Transport bookkeeping', (f) => f.url.includes('@opensearch-project/opensearch/')],
  ['tsx loader hooks', (f) => f.url.includes('/tsx/')],
  // The floor (bench/gateway/floor.ts): its resolver, its masking, and its HTTP handler.
  ['projection + masking', (f) => f.url.includes('bench/gateway/floor') && f.functionName === 'mask'],
  ['resolvers + planner', (f) => f.url.includes('bench/gateway/floor') && /docs|toHit/.test(f.functionName)],
  ['node:http server', (f) => f.url.includes('bench/gateway/floor')],
  // src/gateway.ts: the per-request authentication and limits steps.
  ['authentication', (f) => /\/(src|dist)\/gateway\./.test(f.url) && f.functionName === 'authenticate'],
  ['authorization', (f) => /\/(src|dist)\/gateway\./.test(f.url) && /limitsFor|permissions|authoriz/i.test(f.functionName)],
  // JSON.stringify is a builtin: its time shows as its caller's, the handler's `answer` (which does little else).
  ['response stringify', (f) => (/stringify/i.test(f.functionName) && (/(src|dist)\/(http|graphql)\//.test(f.url) || f.url.includes('@apollo/server'))) || (f.functionName === 'answer' && project('graphql/handler').test(f.url))],
  ['authentication', (f) => project('auth/').test(f.url) || f.url.includes('/jose/') || f.url.includes('bcrypt')],
  ['projection + masking', (f) => project('api/document/(project|selection)').test(f.url) || project('authz/masking').test(f.url) || (project('access/visible').test(f.url) && /mask/i.test(f.functionName)) || f.url.includes('@noble/hashes')],
  ['authorization', (f) => project('(access|authz)/').test(f.url)],
  ['client Transport bookkeeping', (f) => project('backend/').test(f.url)],
  // The API's modules (src/api/<module>/): resolvers, planning, result reading.
  ['resolvers + planner', (f) => project('api/(search|get|me|tenants|admin|document)/').test(f.url) || project('catalog/').test(f.url) || f.url.includes('/dataloader/')],
  ['compiled execution', (f) => f.url.includes('graphql-jit') || (f.url === '' && /__|Handler$|^query$|compiledQuery/.test(f.functionName))],
  ['logging + metrics', (f) => f.url.includes('/pino') || f.url.includes('prom-client') || f.url.includes('sonic-boom') || project('(observability|audit)/').test(f.url) || project('log\\.').test(f.url) || f.url.includes('@opentelemetry')],
  // The GraphQL-over-HTTP handler (src/graphql/), the API kernel (parse/validate caches, limits, variables,
  // the executor), graphql-js, and the route that runs them.
  ['GraphQL server pipeline', (f) => f.url.includes('@apollo/') || f.url.includes('/graphql/') || project('api/(kernel/|schema|context)').test(f.url) || project('cache/').test(f.url) || f.url.includes('negotiator') || project('http/graphql-route').test(f.url) || f.url.includes('/lru-cache/') || f.url.includes('whatwg-mimetype')],
  ['node:http server', (f) => /^node:_http_(server|outgoing|incoming|common)/.test(f.url) || project('http/').test(f.url) || project('gateway').test(f.url)],
  ['event loop / promises', (f) => /^node:internal\/(process\/task_queues|timers|async_hooks)|^node:timers/.test(f.url) || f.functionName === 'runMicrotasks' || f.functionName === 'processTicksAndRejections'],
];

export interface Attribution {
  /** Bucket → share of the non-idle sampled time (0..1). */
  shares: Map<Bucket, number>;
  /** Non-idle sampled time, ms. */
  busyMs: number;
  /** The largest self-time frames that fell to 'other', for reading the rules' gaps. */
  otherTop: [string, number][];
}

export function attribute(profile: CpuProfile): Attribution {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const bucketOf = new Map<number, Bucket | 'idle'>();
  const classify = (id: number): Bucket | 'idle' => {
    const known = bucketOf.get(id);
    if (known) return known;
    const leaf = byId.get(id)!;
    let found: Bucket | 'idle' = 'other';
    if (leaf.callFrame.functionName === '(idle)') found = 'idle';
    else {
      walk: for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
        const f = byId.get(at)!.callFrame;
        for (const [bucket, test] of RULES) {
          if (test(f)) {
            found = bucket;
            break walk;
          }
        }
      }
    }
    bucketOf.set(id, found);
    return found;
  };
  const time = new Map<Bucket, number>();
  const other = new Map<string, number>();
  let busy = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const dt = profile.timeDeltas[i + 1] ?? profile.timeDeltas[i] ?? 0;
    const id = profile.samples[i]!;
    const b = classify(id);
    if (b === 'idle') continue;
    busy += dt;
    time.set(b, (time.get(b) ?? 0) + dt);
    if (b === 'other') {
      const f = byId.get(id)!.callFrame;
      const key = `${f.functionName || '(anonymous)'} ${f.url.replace(/^.*node_modules\//, '')}`;
      other.set(key, (other.get(key) ?? 0) + dt);
    }
  }
  const shares = new Map<Bucket, number>(BUCKETS.map((b) => [b, (time.get(b) ?? 0) / Math.max(1, busy)]));
  const otherTop = [...other].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([k, v]) => [k, v / Math.max(1, busy)] as [string, number]);
  return { shares, busyMs: busy / 1000, otherTop };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const a = attribute(JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as CpuProfile);
  for (const b of BUCKETS) console.log(`${(100 * a.shares.get(b)!).toFixed(1).padStart(6)} %  ${b}`);
  console.log('largest in "other":');
  for (const [k, v] of a.otherTop) console.log(`${(100 * v).toFixed(2).padStart(6)} %  ${k}`);
}

/**
 * The wide differential fuzzer (run-wide.ts) in the default test run: a fixed seed and a small request
 * budget against the real node at OPENSEARCH_URL. Every difference must be the engine's documented refusal,
 * or match an entry of KNOWN_OPEN: the difference classes an independent hunt found (its FINDINGS.md numbers)
 * that are still open on this branch, plus the ones this fuzzer found since. Fixing a class in the engine
 * should remove its entry here; any difference no entry matches fails the test.
 * Longer runs: `npm run fuzz:engine -- --generator wide --seed N --requests M --show K`.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { WideOutcome } from './run-wide.js';

const url = process.env.OPENSEARCH_URL;
if (!url) {
  console.log('wide engine fuzzer skipped: OPENSEARCH_URL is not set (it compares the embedded engine with a real OpenSearch node)');
}

/** Fixed budget for the default run (about 25 s on a 2-core machine); raise it with the CLI, not here. */
const SEED = 11;
const REQUESTS = 400;

/** What a matcher sees of one difference (strings, so that matchers stay one-liners). */
interface Seen {
  readonly api: string;
  /** `wrong`: where the answers differ; `refused`: the engine's reason. */
  readonly where: string;
  /** Both answers (JSON) and, for refusals, the reason. */
  readonly answers: string;
  readonly real: string;
  readonly request: string;
  /** The case's documents as loaded, then its history (ndjson). */
  readonly docs: string;
  readonly history: boolean;
  /** The case searched two indices. */
  readonly multi: boolean;
}

interface KnownOpen {
  /** The class number in the hunt's FINDINGS.md, or `new` for a class this fuzzer found after it. */
  readonly finding: number | `new: ${string}`;
  readonly what: string;
  readonly matches: (s: Seen) => boolean;
}

const SCORING = /^(msearch\[\d\] )?(hits\.max_score|hits\[\d+\]\._score|hits\[\d+\.\.\d+\) ids|hits\.length|hits\.total\.value)$/;
/** A field sort (not only `_score`) in the request. */
const FIELD_SORT = /"sort":\[(?!"_score"\]|\{"_score"[^\]]*\]\})/;

/** The classes still open on main (FINDINGS.md numbers); each matcher is as narrow as the class allows. */
const KNOWN_OPEN: readonly KnownOpen[] = [
  { finding: 'new: dynamic object vs nested arrays', what: 'dynamic mapping: {"a":null} or {} into a long field accepted by OpenSearch, [[1,2],[3]] into an object field refused by it; the engine the other way round', matches: (s) => s.api === 'bulk-item' && /"misc":(\{"a":null\}|\{\}|\[\[1,2\],\[3\]\])/.test(s.request) && /\[misc\]/.test(s.answers) },
  // Session 10 fixed the multi-index variants (the reduce's first result, unmapped or per bucket in the
  // priority queue's order); the time_zone one was never reproduced by hand.
  { finding: 'new: yyyy/MM/dd date printed in its format', what: 'a dynamic yyyy/MM/dd date aggregated under a time_zone (not reproduced by hand)', matches: (s) => /_as_string$/.test(s.where) && /"time_zone"/.test(s.request) && /"engine":"\d{4}\/\d\d\/\d\d/.test(s.answers) },
];

function seen(o: WideOutcome): Seen {
  const v = o.verdict;
  const real = JSON.stringify(o.real ?? null);
  const answers = v.kind === 'wrong' ? JSON.stringify({ real: v.real, engine: v.engine }) + real + JSON.stringify(o.engine ?? null) : real + JSON.stringify(o.engine ?? null);
  return {
    api: o.api,
    where: v.kind === 'wrong' ? v.where : v.kind === 'refused' ? v.reason : v.kind,
    answers: `${answers}${v.kind === 'refused' ? v.reason : ''}`,
    real,
    // Strings inside the request (ndjson, bulk op lines) are unescaped so that matchers see `"field"` everywhere.
    request: (typeof o.request === 'string' ? o.request : JSON.stringify(o.request)).replace(/\\"/g, '"'),
    docs: JSON.stringify(o.context?.docs ?? []) + (o.context?.history ?? []).join('\n'),
    history: (o.context?.history.length ?? 0) > 0,
    multi: /,|\*/.test(o.context?.index ?? ''),
  };
}

function knownOpen(o: WideOutcome): KnownOpen | undefined {
  const s = seen(o);
  return KNOWN_OPEN.find((k) => k.matches(s));
}

describe.skipIf(!url)('wide engine fuzzer: a second generator answered like OpenSearch', () => {
  const tolerated = new Map<string, number>();
  afterAll(() => {
    if (tolerated.size > 0) console.log(`wide fuzzer: known open classes seen: ${[...tolerated].map(([k, n]) => `${k} x${n}`).join(', ')}`);
  });

  it(`seed ${SEED}: ${REQUESTS} requests; differences only in KNOWN_OPEN classes`, async () => {
    const { runWide, summarizeWide, showFailure } = await import('./run-wide.js');
    const rep = await runWide({ url: url!, seed: SEED, requests: REQUESTS, prefix: `fuzz-wide-${process.pid}-test` });
    console.log(summarizeWide(rep));
    const unknown: WideOutcome[] = [];
    for (const f of rep.failures) {
      const k = knownOpen(f);
      if (k) tolerated.set(String(k.finding), (tolerated.get(String(k.finding)) ?? 0) + 1);
      else unknown.push(f);
    }
    expect(rep.requests).toBeGreaterThanOrEqual(REQUESTS);
    expect(unknown.length, unknown.slice(0, 5).map((f) => showFailure(f, 1200)).join('\n')).toBe(0);
  }, 180_000);
});

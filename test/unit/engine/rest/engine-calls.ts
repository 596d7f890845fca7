/**
 * The REST calls the hunt-class tests make against a fresh memory-only engine per test (registers its
 * beforeEach/afterEach in the calling file). Bodies go in as objects or text; answers come back with their
 * status, their text, and their JSON when they are JSON.
 */
import { afterEach, beforeEach } from 'vitest';
import { Engine } from '../../../../src/engine/engine.js';

export interface Answer {
  status: number;
  text: string;
  body: any;
}

export function engineCalls(): { call: (method: string, path: string, body?: unknown) => Promise<Answer> } {
  let engine: Engine;
  beforeEach(async () => {
    engine = await Engine.open({ dataDir: null });
  });
  afterEach(async () => {
    await engine.close();
  });
  const call = async (method: string, path: string, body?: unknown): Promise<Answer> => {
    const [p, q] = path.split('?');
    const sent = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
    const res = await engine.handle({ method, path: p!, query: new URLSearchParams(q ?? ''), ...(sent !== undefined ? { body: sent } : {}) });
    const text = typeof res.body === 'string' ? res.body : JSON.stringify(res.body);
    let parsed: unknown = res.body;
    if (typeof res.body === 'string') {
      try {
        parsed = JSON.parse(res.body);
      } catch {
        parsed = res.body;
      }
    }
    const answer = { status: res.status, body: parsed } as Answer;
    // Not enumerable: tests compare `{ status, body }` whole.
    Object.defineProperty(answer, 'text', { value: text, enumerable: false });
    return answer;
  };
  return { call };
}

/** Lines of an ndjson body (_bulk, _msearch). */
export const nd = (lines: unknown[]): string => lines.map((l) => JSON.stringify(l)).join('\n') + '\n';

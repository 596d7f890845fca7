/**
 * The `standard` analyzer against the real node's `_analyze` answers (FINDINGS class 25: Hangul + `_` + Latin
 * is one token on OpenSearch 3.6). The table (standard-tokens/standard-tokens.json) mixes scripts and word
 * connectors; standard-tokens/gen.ts regenerates it from a real node.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeTerms } from '../../../../src/engine/analysis/standard.js';

const rows = JSON.parse(readFileSync(new URL('./standard-tokens/standard-tokens.json', import.meta.url), 'utf8')) as [string, string[]][];

describe('standard analyzer: the tokens of OpenSearch 3.6.0', () => {
  it('keeps Hangul, `_` and Latin letters in one token (class 25)', () => {
    expect(analyzeTerms('İstanbul 한국어_rivers_river')).toEqual(['istanbul', '한국어_rivers_river']);
  });

  it(`answers like _analyze on ${rows.length} generated strings`, () => {
    const wrong = rows.filter(([text, tokens]) => JSON.stringify(analyzeTerms(text)) !== JSON.stringify(tokens));
    expect(wrong.slice(0, 5).map(([text, tokens]) => ({ text, real: tokens, engine: analyzeTerms(text) }))).toEqual([]);
  });
});

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { IndexSeed } from '../backend/load-documents.js';
import { generateFlights, type SampleDoc } from './flights.js';

/**
 * The sample indices that reproduce the seed documents: `movies` (the Thor example) and
 * `kibana_sample_data_flights` (the two tutorials), read from the sample folder.
 */
async function json(file: string): Promise<Record<string, unknown>> {
  return JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
}

async function ndjson(file: string): Promise<SampleDoc[]> {
  const text = await readFile(file, 'utf8');
  return text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as SampleDoc);
}

export async function sampleSeeds(dir: string): Promise<IndexSeed[]> {
  return [
    { index: 'movies', mappings: await json(join(dir, 'movies.mapping.json')), documents: await ndjson(join(dir, 'movies.ndjson')) },
    {
      index: 'kibana_sample_data_flights',
      mappings: await json(join(dir, 'kibana_sample_data_flights.mapping.json')),
      documents: generateFlights(),
    },
  ];
}

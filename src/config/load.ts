import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, resolve } from 'node:path';
import { parse } from 'yaml';
import { resolveReferences } from './references.js';
import { searchgateConfigSchema, type SearchgateConfig } from './searchgate.js';

/** A configuration problem that must stop the start, with where it is and what is wrong. */
export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly problems: readonly string[],
  ) {
    super(`invalid configuration in ${file}:\n  - ${problems.join('\n  - ')}`);
  }
}

export interface LoadedConfig {
  readonly file: string;
  readonly config: SearchgateConfig;
}

/**
 * Reads searchgate.yml, resolving `${env:NAME}` and `${file:PATH}` references (src/config/references.ts).
 * Environment variables override a few deployment settings: PORT, OPENSEARCH_URL
 * (selects the real backend), SEARCHGATE_DATA (the embedded engine's data folder). Relative paths are taken
 * from the config file's folder.
 */
export async function loadConfig(file: string, env: NodeJS.ProcessEnv = process.env): Promise<LoadedConfig> {
  let raw: unknown;
  try {
    raw = parse(await readFile(file, 'utf8'));
  } catch (err) {
    throw new ConfigError(file, [(err as Error).message]);
  }
  // Secrets by reference (`${env:NAME}`, `${file:PATH}`), resolved before validation so every check sees the values.
  const resolved = await resolveReferences(raw ?? {}, { env, baseDir: dirname(resolve(file)) });
  if (resolved.problems.length > 0) throw new ConfigError(file, resolved.problems);
  const parsed = searchgateConfigSchema.safeParse(resolved.value);
  if (!parsed.success) {
    throw new ConfigError(
      file,
      parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`),
    );
  }
  const config = parsed.data;
  const base = dirname(resolve(file));
  const abs = (p: string) => (isAbsolute(p) ? p : resolve(base, p));
  if (env.PORT) config.server.port = Number(env.PORT);
  if (env.OPENSEARCH_URL) config.backend = { ...config.backend, url: env.OPENSEARCH_URL };
  const embedded = (config.backend.embedded ?? {}) as Record<string, unknown>;
  // The data folder is a deployment choice: from the environment (relative to the working directory), else
  // from the file (relative to it), else ./data.
  const fromFile = embedded.dataDir as string | undefined;
  const dataDir = env.SEARCHGATE_DATA
    ? resolve(env.SEARCHGATE_DATA)
    : fromFile
      ? abs(fromFile)
      : resolve('data');
  const repair = env.SEARCHGATE_REPAIR_TORN_TAIL === '1' ? { repairTornTail: true } : {};
  config.backend = { ...config.backend, embedded: { ...embedded, dataDir, ...repair } };
  config.security.configDir = abs(config.security.configDir);
  if (config.sample) config.sample.dir = abs(config.sample.dir);
  return { file, config };
}

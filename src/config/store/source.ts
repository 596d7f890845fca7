import type { Logger } from 'pino';
import { loadSecurityConfig } from '../security/load.js';
import type { ConfigStore } from './store.js';
import { differingEntries } from './transfer.js';

/**
 * Says at start which security configuration is in force. With a durable store the YAML folder only seeds an
 * empty store; afterwards the store is the source, and an edited folder would otherwise be ignored without a
 * word (users added to internal_users.yml then get 401). So the folder is compared with the store and a
 * difference is a warning naming the entries and the command that applies the folder.
 */
export interface SecuritySource {
  readonly level: 'info' | 'warn';
  readonly msg: string;
  readonly fields: Record<string, unknown>;
}

/** At most this many differing entries are named in the log line; the rest are counted. */
const MAX_NAMED = 20;

export async function securitySource(opts: {
  readonly store: ConfigStore;
  readonly folder: string;
  readonly configFile: string;
  readonly durable: boolean;
}): Promise<SecuritySource> {
  const { store, folder } = opts;
  const snapshot = store.current;
  const base = { securitySource: opts.durable ? 'store' : 'folder', store: store.description, version: snapshot.version, folder };
  if (!opts.durable) {
    return { level: 'info', msg: `security configuration in force: ${folder} (store.durable is false: read at every start, kept in memory)`, fields: base };
  }
  let entries: string[];
  try {
    entries = differingEntries(snapshot.config.documents, (await loadSecurityConfig(folder)).documents);
  } catch (err) {
    return {
      level: 'warn',
      msg: `security configuration in force: version ${snapshot.version} from ${store.description}; the folder ${folder} is not used and does not load (${(err as Error).message})`,
      fields: base,
    };
  }
  if (entries.length === 0) {
    return { level: 'info', msg: `security configuration in force: version ${snapshot.version} from ${store.description} (same as ${folder})`, fields: base };
  }
  const apply = `searchgate config import ${folder} --config ${opts.configFile}`;
  return {
    level: 'warn',
    msg:
      `security configuration in force: version ${snapshot.version} from ${store.description}, NOT the folder ${folder}, which differs in ` +
      `${entries.length} entr${entries.length === 1 ? 'y' : 'ies'}; the folder only seeds an empty store. To apply it: ${apply}`,
    fields: {
      ...base,
      author: snapshot.author,
      timestamp: snapshot.timestamp,
      differs: entries.slice(0, MAX_NAMED),
      ...(entries.length > MAX_NAMED ? { differsMore: entries.length - MAX_NAMED } : {}),
      apply,
    },
  };
}

export async function logSecuritySource(log: Logger, opts: Parameters<typeof securitySource>[0]): Promise<void> {
  const s = await securitySource(opts);
  log[s.level](s.fields, s.msg);
}

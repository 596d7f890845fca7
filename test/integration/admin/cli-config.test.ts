import { execFile } from 'node:child_process';
import { appendFile, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { parse, stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runConfigCommand } from '../../../src/config/store/cli-config.js';
import { memoryAuditSink } from '../../../src/audit/audit-log.js';
import { loadConfig, type LoadedConfig } from '../../../src/config/load.js';
import { BACKENDS } from '../../support/gateway.js';
import { adminSecurityFolder, dropIndex, MASTER, startAdminGateway, uniqueStoreIndex } from './support.js';

/** `searchgate config export|import`: the plugin's YAML files in and out of the store. */
describe.each(BACKENDS)('searchgate config import/export (%s)', (backend) => {
  const dirs: string[] = [];
  let loaded: LoadedConfig;
  let dataDir: string;
  const storeIndex = uniqueStoreIndex();
  const quiet = { print: () => undefined };
  const tmp = async (prefix: string) => {
    const d = await mkdtemp(join(tmpdir(), prefix));
    dirs.push(d);
    return d;
  };

  beforeAll(async () => {
    dataDir = await tmp('searchgate-cli-data-');
    const securityDir = await adminSecurityFolder();
    dirs.push(securityDir);
    const env: NodeJS.ProcessEnv = { SEARCHGATE_DATA: dataDir };
    if (backend === 'opensearch') env.OPENSEARCH_URL = process.env.OPENSEARCH_URL;
    loaded = await loadConfig(resolve('sample/searchgate.yml'), env);
    loaded.config.security.configDir = securityDir;
    loaded.config.store = { index: storeIndex, pollIntervalMs: 1000, durable: true };
  });
  afterAll(async () => {
    for (const d of dirs) await rm(d, { recursive: true, force: true });
    await dropIndex(storeIndex);
  });

  async function readFolder(dir: string): Promise<Record<string, unknown>> {
    const out: Record<string, unknown> = {};
    for (const f of (await readdir(dir)).sort()) out[f] = parse(await readFile(join(dir, f), 'utf8'));
    return out;
  }

  it('export then import round-trips without change', async () => {
    const a = await tmp('searchgate-export-a-');
    const b = await tmp('searchgate-export-b-');
    const first = await runConfigCommand(loaded, 'export', a, quiet);
    expect(first.version).toBe(1);
    expect((await readdir(a)).sort()).toEqual(['action_groups.yml', 'internal_users.yml', 'roles.yml', 'roles_mapping.yml', 'tenants.yml']);
    const roles = parse(await readFile(join(a, 'roles.yml'), 'utf8'));
    expect(roles._meta).toEqual({ type: 'roles', config_version: 2 });
    expect(roles['locked-role'].reserved).toBe(true);
    expect(roles['secret-role'].hidden).toBe(true);

    const imported = await runConfigCommand(loaded, 'import', a, quiet);
    expect(imported).toEqual({ version: 1, changed: false, entries: [] });
    await runConfigCommand(loaded, 'export', b, quiet);
    expect(await readFolder(b)).toEqual(await readFolder(a));
  });

  it('importing an edited folder makes a new version with exactly the changed entries, and audits it without hashes', async () => {
    const a = await tmp('searchgate-export-edit-');
    await runConfigCommand(loaded, 'export', a, quiet);
    await appendFile(join(a, 'roles.yml'), `\nimported-role:\n  cluster_permissions: ["cluster_monitor"]\n`, 'utf8');
    const users = parse(await readFile(join(a, 'internal_users.yml'), 'utf8'));
    delete users.nobody;
    users['new-user'].description = 'edited';
    await writeFile(join(a, 'internal_users.yml'), stringify(users), 'utf8');
    const audit = memoryAuditSink();
    const out = await runConfigCommand(loaded, 'import', a, { ...quiet, audit: [audit], author: 'cli:test' });
    expect(out).toEqual({ version: 2, changed: true, entries: ['internal_users/new-user', 'internal_users/nobody', 'roles/imported-role'] });
    expect(audit.events).toHaveLength(1);
    expect(audit.events[0]).toMatchObject({ category: 'COMPLIANCE_INTERNAL_CONFIG_WRITE', operation: 'IMPORT', user: 'cli:test', configVersion: 2 });
    expect(JSON.stringify(audit.events)).not.toMatch(/\$2[aby]\$/);

    // A gateway on the same backend starts from the imported version, not from its YAML folder.
    const gw = await startAdminGateway(backend, { dataDir, storeIndex, securityDir: loaded.config.security.configDir });
    try {
      expect(gw.gateway.configStore.current.version).toBe(2);
      expect((await gw.gql(`{ me { name } }`, { auth: 'nobody:nobody-password' })).status).toBe(401);
      const role = await gw.gql(`{ security { role(name: "imported-role") { cluster_permissions version } } }`, { auth: MASTER });
      expect(role.body.data.security.role).toEqual({ cluster_permissions: ['cluster_monitor'], version: 2 });
    } finally {
      await gw.close({ keepData: true });
    }
  });

  it('an invalid folder is refused with the file, entry and field, and nothing is written', async () => {
    const a = await tmp('searchgate-export-bad-');
    await runConfigCommand(loaded, 'export', a, quiet);
    await appendFile(join(a, 'roles.yml'), `\nbroken:\n  index_permissions:\n    - index_patterns: ["x"]\n      dls: "{not json"\n`, 'utf8');
    await expect(runConfigCommand(loaded, 'import', a, quiet)).rejects.toThrow(/roles\.yml: entry "broken" at index_permissions\[0\]\.dls/);
    const check = await tmp('searchgate-export-check-');
    expect((await runConfigCommand(loaded, 'export', check, quiet)).version).toBe(2);
  });

  it('the command line runs the same (export through src/cli.ts)', async () => {
    if (backend !== 'embedded') return; // one process spawn is enough; the code path is the same
    const cfgDir = await tmp('searchgate-cli-cfg-');
    const file = join(cfgDir, 'searchgate.yml');
    const raw = parse(await readFile(resolve('sample/searchgate.yml'), 'utf8'));
    raw.security.configDir = loaded.config.security.configDir;
    delete raw.sample;
    raw.store = { index: storeIndex };
    await writeFile(file, stringify(raw), 'utf8');
    const out = await tmp('searchgate-cli-out-');
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'config', 'export', out, '--config', file], {
      env: { ...process.env, SEARCHGATE_DATA: dataDir, VITEST: '', OPENSEARCH_URL: '' },
      timeout: 60_000,
    });
    expect(stdout).toContain('exported configuration version 2');
    const roles = parse(await readFile(join(out, 'roles.yml'), 'utf8'));
    expect(Object.keys(roles)).toContain('imported-role');
  });
});

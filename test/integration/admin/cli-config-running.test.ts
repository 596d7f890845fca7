import { execFile } from 'node:child_process';
import { appendFile, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { parse, stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runConfigCommand } from '../../../src/config/store/cli-config.js';
import { controlSocketPath } from '../../../src/config/store/control-socket.js';
import { loadConfig, type LoadedConfig } from '../../../src/config/load.js';
import { MASTER, startAdminGateway, type AdminGateway } from './support.js';

/**
 * `searchgate config export|import` while a gateway runs on the embedded engine. The gateway holds the data
 * folder's lock (a second process opening it gets ENGINE_LOCKED), so the commands go through its control
 * socket and act on the store in force — an import is in force before the command returns.
 */
describe('searchgate config export/import while the gateway runs (embedded)', () => {
  const dirs: string[] = [];
  let gw: AdminGateway;
  let loaded: LoadedConfig;
  let dataDir: string;
  const lines: string[] = [];
  const print = (l: string) => void lines.push(l);
  const tmp = async (prefix: string) => {
    const d = await mkdtemp(join(tmpdir(), prefix));
    dirs.push(d);
    return d;
  };

  beforeAll(async () => {
    dataDir = await tmp('searchgate-running-data-');
    gw = await startAdminGateway('embedded', { dataDir });
    // The CLI's view: the same searchgate.yml and data folder as the running gateway.
    loaded = await loadConfig(resolve('sample/searchgate.yml'), { SEARCHGATE_DATA: dataDir });
    loaded.config.security.configDir = gw.loaded.config.security.configDir;
    loaded.config.store = gw.loaded.config.store;
  });
  afterAll(async () => {
    await gw?.close();
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });

  it('the running gateway listens on a socket in the data folder that only its owner may use', async () => {
    const s = await stat(controlSocketPath(dataDir));
    expect(s.isSocket()).toBe(true);
    expect(s.mode & 0o777).toBe(0o600);
  });

  it('export works (with password hashes, as a backup needs) and reports the version in force', async () => {
    const out = await tmp('searchgate-running-export-');
    const res = await runConfigCommand(loaded, 'export', out, { print });
    expect(res.version).toBe(gw.gateway.configStore.current.version);
    expect(lines.at(-1)).toContain('through the running gateway');
    const users = parse(await readFile(join(out, 'internal_users.yml'), 'utf8'));
    expect(users['master-user'].hash).toMatch(/^\$2[aby]\$/);
    const roles = parse(await readFile(join(out, 'roles.yml'), 'utf8'));
    expect(roles['locked-role'].reserved).toBe(true);
  });

  it('import of an edited folder is in force on the running gateway when the command returns, and audited there', async () => {
    const folder = await tmp('searchgate-running-import-');
    await runConfigCommand(loaded, 'export', folder, { print });
    const before = gw.gateway.configStore.current.version;
    // A new user, hashed as the docs say (cost 4 keeps the test fast).
    const bcrypt = (await import('bcryptjs')).default;
    const users = parse(await readFile(join(folder, 'internal_users.yml'), 'utf8'));
    users['late-user'] = { hash: bcrypt.hashSync('late-user-password-1', 4), backend_roles: [] };
    await writeFile(join(folder, 'internal_users.yml'), stringify(users), 'utf8');
    expect((await gw.gql('{ me { name } }', { auth: 'late-user:late-user-password-1' })).status).toBe(401);

    const res = await runConfigCommand(loaded, 'import', folder, { print, author: 'cli:test' });
    expect(res).toEqual({ version: before + 1, changed: true, entries: ['internal_users/late-user'] });
    expect(gw.gateway.configStore.current.version).toBe(before + 1);
    const me = await gw.gql('{ me { name } }', { auth: 'late-user:late-user-password-1' });
    expect(me.body).toEqual({ data: { me: { name: 'late-user' } } });
    expect(gw.audit.events.at(-1)).toMatchObject({ category: 'COMPLIANCE_INTERNAL_CONFIG_WRITE', operation: 'IMPORT', user: 'cli:test', resource: folder });

    // Unchanged: nothing written.
    expect(await runConfigCommand(loaded, 'import', folder, { print })).toEqual({ version: before + 1, changed: false, entries: [] });
  });

  it('an invalid folder is refused by the running gateway with the file and entry, and nothing changes', async () => {
    const folder = await tmp('searchgate-running-bad-');
    await runConfigCommand(loaded, 'export', folder, { print });
    const before = gw.gateway.configStore.current.version;
    await appendFile(join(folder, 'roles.yml'), `\nbroken:\n  index_permissions:\n    - index_patterns: ["x"]\n      dls: "{not json"\n`, 'utf8');
    await expect(runConfigCommand(loaded, 'import', folder, { print })).rejects.toThrow(/roles\.yml: entry "broken" at index_permissions\[0\]\.dls/);
    expect(gw.gateway.configStore.current.version).toBe(before);
    const role = await gw.gql('{ security { role(name: "broken") { name } } }', { auth: MASTER });
    expect(role.body.data?.security?.role ?? null).toBeNull();
  });

  it('the command line (`searchgate config export`) works while the gateway runs', async () => {
    const cfgDir = await tmp('searchgate-running-cfg-');
    const file = join(cfgDir, 'searchgate.yml');
    const raw = parse(await readFile(resolve('sample/searchgate.yml'), 'utf8'));
    raw.security.configDir = gw.loaded.config.security.configDir;
    delete raw.sample;
    raw.store = { index: gw.storeIndex };
    await writeFile(file, stringify(raw), 'utf8');
    const out = await tmp('searchgate-running-cli-');
    const { stdout } = await promisify(execFile)(process.execPath, ['bin/searchgate.js', 'config', 'export', out, '--config', file], {
      env: { ...process.env, SEARCHGATE_DATA: dataDir, VITEST: '', OPENSEARCH_URL: '' },
      timeout: 60_000,
    });
    expect(stdout).toContain(`exported configuration version ${gw.gateway.configStore.current.version}`);
    expect(Object.keys(parse(await readFile(join(out, 'internal_users.yml'), 'utf8')))).toContain('late-user');
  });

  it('after the gateway stops, the socket is gone and the CLI opens the store itself', async () => {
    const version = gw.gateway.configStore.current.version;
    await gw.close({ keepData: true });
    await expect(stat(controlSocketPath(dataDir))).rejects.toMatchObject({ code: 'ENOENT' });
    const out = await tmp('searchgate-running-after-');
    lines.length = 0;
    expect((await runConfigCommand(loaded, 'export', out, { print })).version).toBe(version);
    expect(lines.at(-1)).not.toContain('through the running gateway');
  });
});

import { appendFile, cp, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pino } from 'pino';
import { beforeEach, describe, expect, it } from 'vitest';
import { loadSecurityConfig } from '../../../src/config/security/load.js';
import { logSecuritySource, securitySource } from '../../../src/config/store/source.js';
import { ConfigStore } from '../../../src/config/store/store.js';
import { memoryVersionLog } from '../../../src/config/store/version-log.js';

/** The start-up line that says which security configuration is in force (issue 15: an edited folder was silently ignored). */
let folder: string;
let store: ConfigStore;

beforeEach(async () => {
  folder = join(await mkdtemp(join(tmpdir(), 'searchgate-source-')), 'security');
  await cp(resolve('sample/security'), folder, { recursive: true });
  // The store as it is after the first start: seeded from the folder.
  store = await ConfigStore.open(memoryVersionLog(), { initial: () => loadSecurityConfig(folder), pollIntervalMs: 0 });
});

const source = (durable = true) => securitySource({ store, folder, configFile: '/etc/searchgate.yml', durable });

describe('securitySource', () => {
  it('says the store is in force and matches the folder when nothing was edited', async () => {
    const s = await source();
    expect(s.level).toBe('info');
    expect(s.fields).toMatchObject({ securitySource: 'store', version: 1, folder });
    expect(s.msg).toMatch(/version 1 from memory .*same as/);
    expect(s.fields).not.toHaveProperty('differs');
  });

  it('warns, naming the edited entries and the import command, when the folder was edited after the first start', async () => {
    await appendFile(
      join(folder, 'internal_users.yml'),
      '\nlate-user:\n  hash: "$2y$12$JPJLF99pr2T0Wxz2JClz6.QfS1lx/Dl7ZKaQPIHohu1jywJzRjtm."\n',
    );
    const s = await source();
    expect(s.level).toBe('warn');
    expect(s.fields).toMatchObject({
      securitySource: 'store',
      differs: ['internal_users/late-user'],
      apply: `searchgate config import ${folder} --config /etc/searchgate.yml`,
    });
    expect(s.msg).toContain('NOT the folder');
    expect(s.msg).toContain(`searchgate config import ${folder} --config /etc/searchgate.yml`);
  });

  it('warns that the folder is not used when it no longer loads, without failing the start', async () => {
    await writeFile(join(folder, 'roles.yml'), 'not: [valid');
    const s = await source();
    expect(s.level).toBe('warn');
    expect(s.msg).toMatch(/is not used and does not load/);
  });

  it('says the folder is the source when the store is not durable', async () => {
    const s = await source(false);
    expect(s).toMatchObject({ level: 'info', fields: { securitySource: 'folder' } });
    expect(s.msg).toMatch(/read at every start/);
  });

  it('is one structured pino line', async () => {
    await appendFile(join(folder, 'tenants.yml'), '\nlate_tenant:\n  description: "added later"\n');
    const lines: string[] = [];
    const logger = pino({ level: 'info' }, { write: (l: string) => lines.push(l) });
    await logSecuritySource(logger, { store, folder, configFile: 'searchgate.yml', durable: true });
    expect(lines).toHaveLength(1);
    const line = JSON.parse(lines[0]!);
    expect(line).toMatchObject({ level: 40, securitySource: 'store', differs: ['tenants/late_tenant'] });
  });
});

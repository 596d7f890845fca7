import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import bcrypt from 'bcryptjs';
import { INDEX } from './instant-backend.js';

/** A config folder for the benchmark: one DLS role with five visible fields, one of them masked. */
export const USER = 'bench-user';
export const PASSWORD = 'bench-password';

export async function writeFixture(backendUrl: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'searchgate-bench-'));
  await mkdir(join(dir, 'security'));
  const meta = (type: string) => `_meta:\n  type: "${type}"\n  config_version: 2\n`;
  await writeFile(
    join(dir, 'security', 'roles.yml'),
    `${meta('roles')}
bench-role:
  index_permissions:
    - index_patterns: ["${INDEX}"]
      dls: '{"term": {"category": "public"}}'
      fls: ["title", "body", "year", "price", "tag"]
      masked_fields: ["tag"]
      allowed_actions: ["read"]
`,
  );
  await writeFile(join(dir, 'security', 'roles_mapping.yml'), `${meta('rolesmapping')}\nbench-role:\n  users: ["${USER}"]\n`);
  await writeFile(
    join(dir, 'security', 'internal_users.yml'),
    `${meta('internalusers')}\n${USER}:\n  hash: "${bcrypt.hashSync(PASSWORD, 12)}"\n`,
  );
  await writeFile(
    join(dir, 'searchgate.yml'),
    `server: { port: 0, host: 127.0.0.1 }
backend: { url: "${backendUrl}", maxRetries: 0 }
security: { configDir: ./security }
# The stand-in backend answers searches only: keep the security config in memory, and no saved searches
# (their system index would be created on the backend at start).
store: { durable: false }
tenants: { enabled: false }
indices:
  - { index: ${INDEX}, type: BenchDoc, search: docs, get: doc }
auth: { domains: [{ type: basic, name: internal }] }
`,
  );
  return dir;
}

export const QUERY = `query Bench($q: String) {
  docs(query: $q, first: 20) { total hits { id score document { title body year price tag } } pageInfo { hasNextPage endCursor } }
}`;

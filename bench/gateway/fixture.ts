import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import bcrypt from 'bcryptjs';
import { INDEX } from './instant-backend.js';

/**
 * A config folder for the benchmark: one DLS role with five visible fields, one of them masked (the DLS field,
 * `category`, is visible too: a DLS clause on a field the role cannot read matches nothing).
 * `sets: n` adds n users `set-user-<i>` (password PASSWORD, bcrypt cost 4 so that logging them all in is
 * quick), each with a role of its own (a distinct field subset and DLS): n distinct permission sets.
 */
export const USER = 'bench-user';
export const PASSWORD = 'bench-password';
const SET_FIELDS = ['title', 'body', 'price', 'tag', 'category', 'internal'];

export async function writeFixture(backendUrl: string, options: { sets?: number; index?: string } = {}): Promise<string> {
  const index = options.index ?? INDEX;
  const sets = options.sets ?? 0;
  const cheapHash = sets > 0 ? bcrypt.hashSync(PASSWORD, 4) : '';
  const setRoles = Array.from({ length: sets }, (_, i) => {
    // 63 field subsets (each with `year`, which the DLS reads), then the same subsets with `year` masked.
    const fields = SET_FIELDS.filter((_, b) => (((i % 63) + 1) >> b) & 1);
    const masked = i >= 63 ? '\n      masked_fields: ["year"]' : '';
    return `set-role-${i}:
  index_permissions:
    - index_patterns: ["${index}"]
      dls: '{"term": {"year": ${2000 + i}}}'
      fls: [${fields.map((f) => `"${f}"`).join(', ')}, "year"]${masked}
      allowed_actions: ["read"]
`;
  }).join('');
  const setMappings = Array.from({ length: sets }, (_, i) => `set-role-${i}:\n  users: ["set-user-${i}"]\n`).join('');
  const setUsers = Array.from({ length: sets }, (_, i) => `set-user-${i}:\n  hash: "${cheapHash}"\n`).join('');
  const dir = await mkdtemp(join(tmpdir(), 'searchgate-bench-'));
  await mkdir(join(dir, 'security'));
  const meta = (type: string) => `_meta:\n  type: "${type}"\n  config_version: 2\n`;
  await writeFile(
    join(dir, 'security', 'roles.yml'),
    `${meta('roles')}
bench-role:
  index_permissions:
    - index_patterns: ["${index}"]
      dls: '{"term": {"category": "public"}}'
      fls: ["title", "body", "year", "price", "tag", "category"]
      masked_fields: ["tag"]
      allowed_actions: ["read"]
${setRoles}`,
  );
  await writeFile(join(dir, 'security', 'roles_mapping.yml'), `${meta('rolesmapping')}\nbench-role:\n  users: ["${USER}"]\n${setMappings}`);
  await writeFile(
    join(dir, 'security', 'internal_users.yml'),
    `${meta('internalusers')}\n${USER}:\n  hash: "${bcrypt.hashSync(PASSWORD, 12)}"\n${setUsers}`,
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
  - { index: ${index}, type: BenchDoc, search: docs, get: doc }
auth: { domains: [{ type: basic, name: internal }] }
`,
  );
  return dir;
}

export const QUERY = `query Bench($q: String) {
  docs(query: $q, first: 20) { total hits { id score document { title body year price tag } } pageInfo { hasNextPage endCursor } }
}`;

import { appendFile, cp, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** Users of sample/security (README): all_access; movies-limited + analysts-reader; kibana_user + new-role. */
export const MASTER = 'master-user:master-password';
export const LIMITED = 'limited-user:limited-password';
export const NEW_USER = 'new-user:new-password';
export const NOBODY = 'nobody:nobody-password';

/** Extra tenants and a templated tenant role, on top of sample/security. */
const EXTRA_TENANTS = `
secret-team:
  description: "nobody but all_access may read it"
team-limited-user:
  description: "limited-user's team"
team-new-user:
  description: "new-user's team"
`;
const TEMPLATE_ROLE = `
own-team:
  tenant_permissions:
    - tenant_patterns:
        - "team-\${user.name}"
      allowed_actions:
        - "kibana_all_write"
`;
const TEMPLATE_MAPPING = `
own-team:
  users:
    - "limited-user"
    - "new-user"
`;

/** A copy of sample/security with tenants `secret-team`, `team-<user>` and the templated role `own-team`. */
export async function tenantSecurityFolder(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'searchgate-tenants-security-'));
  await cp(resolve('sample/security'), dir, { recursive: true });
  await appendFile(join(dir, 'tenants.yml'), EXTRA_TENANTS, 'utf8');
  await appendFile(join(dir, 'roles.yml'), TEMPLATE_ROLE, 'utf8');
  await appendFile(join(dir, 'roles_mapping.yml'), TEMPLATE_MAPPING, 'utf8');
  return dir;
}

/** A GraphQL document limited-user can partly see: `directors` and `rating` are outside their field rules. */
export const MOVIES_DOCUMENT = `query Recent($first: Int) {
  movies(first: $first, orderBy: [{ field: YEAR, direction: DESC }]) {
    total
    hits { id document { title year release_date directors rating } }
  }
}`;

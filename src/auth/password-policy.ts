import { bcryptCost } from './password.js';

/**
 * The minimum for passwords and bcrypt hashes that are *set* (admin API, `searchgate hash-password`). Hashes
 * already in internal_users.yml below the minimum cost are not refused: refusing would lock those users out
 * at the next start, and whoever wrote the file could write anything else too. They are reported at load
 * (`weakHashWarnings`) so an operator re-hashes them.
 */
export interface PasswordPolicy {
  /** Characters (code points), not bytes. */
  readonly minLength: number;
  readonly minBcryptCost: number;
}

export const DEFAULT_PASSWORD_POLICY: PasswordPolicy = { minLength: 8, minBcryptCost: 10 };

/** Why `password` may not be set, or undefined when it may. */
export function checkPasswordPolicy(password: string, policy: PasswordPolicy = DEFAULT_PASSWORD_POLICY): string | undefined {
  const length = [...password].length;
  if (length < policy.minLength) return `the password must have at least ${policy.minLength} characters (it has ${length})`;
  if (password.trim().length === 0) return 'the password must not be only white space';
  return undefined;
}

/** Why a bcrypt cost may not be used for a new hash, or undefined when it may. */
export function checkCostPolicy(cost: number, policy: PasswordPolicy = DEFAULT_PASSWORD_POLICY): string | undefined {
  if (cost < policy.minBcryptCost) return `bcrypt cost ${cost} is below the minimum ${policy.minBcryptCost} (auth.passwordPolicy.minBcryptCost)`;
  return undefined;
}

/** Why a ready-made hash may not be set (unreadable, or a cost below the minimum), or undefined when it may. */
export function checkHashPolicy(hash: string, policy: PasswordPolicy = DEFAULT_PASSWORD_POLICY): string | undefined {
  const cost = bcryptCost(hash);
  if (cost === undefined) return 'not a bcrypt hash Searchgate can verify ($2a$, $2b$ or $2y$, cost 4..31)';
  return checkCostPolicy(cost, policy);
}

/** One warning per internal user whose stored hash is below the minimum cost (or unreadable). */
export function weakHashWarnings(users: Iterable<{ name: string; hash: string }>, policy: PasswordPolicy = DEFAULT_PASSWORD_POLICY): string[] {
  const out: string[] = [];
  for (const u of users) {
    const cost = bcryptCost(u.hash);
    if (cost === undefined) out.push(`internal user "${u.name}": the hash is not one Searchgate can verify; this user cannot log in`);
    else if (cost < policy.minBcryptCost)
      out.push(`internal user "${u.name}": bcrypt cost ${cost} is below the minimum ${policy.minBcryptCost}; re-hash the password (searchgate hash-password)`);
  }
  return out;
}

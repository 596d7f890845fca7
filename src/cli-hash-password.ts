import { hashPassword } from './auth/password.js';
import { checkCostPolicy, checkPasswordPolicy, DEFAULT_PASSWORD_POLICY, type PasswordPolicy } from './auth/password-policy.js';

/**
 * `searchgate hash-password`: prints a `$2y$` bcrypt hash for internal_users.yml. The password is read
 * from stdin by default because `--password` ends up in shell history and process listings.
 *
 * argv: `[--password <pw>] [--cost <n>] [--config <searchgate.yml>]`. Stdin: everything up to the first line
 * break (so both `echo pw | ...` and an interactive line work); a password cannot contain a line break this way.
 * The password and cost must meet `auth.passwordPolicy` of the config given, else the built-in minimum.
 */
export async function hashPasswordCommand(
  argv: readonly string[],
  io: { stdin?: NodeJS.ReadableStream; stdout?: NodeJS.WritableStream } = {},
): Promise<void> {
  const { password: fromArgs, cost, config } = parseArgs(argv);
  const policy = config ? await policyOf(config) : DEFAULT_PASSWORD_POLICY;
  const costProblem = checkCostPolicy(cost, policy);
  if (costProblem) throw new Error(costProblem);
  const password = fromArgs ?? (await readFirstLine(io.stdin ?? process.stdin));
  const problem = checkPasswordPolicy(password, policy);
  if (problem) throw new Error(problem);
  const hash = await hashPassword(password, cost);
  (io.stdout ?? process.stdout).write(`${hash}\n`);
}

async function policyOf(file: string): Promise<PasswordPolicy> {
  const [{ loadConfig }, { parseAuthConfig }] = await Promise.all([import('./config/load.js'), import('./auth/config.js')]);
  return parseAuthConfig((await loadConfig(file)).config.auth).passwordPolicy;
}

function parseArgs(argv: readonly string[]): { password?: string; cost: number; config?: string } {
  let password: string | undefined;
  let config: string | undefined;
  let cost = 12;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value`);
      return v;
    };
    if (flag === '--password') password = value();
    else if (flag === '--config') config = value();
    else if (flag === '--cost') {
      const v = value();
      if (!/^\d+$/.test(v)) throw new Error(`--cost must be an integer, got "${v}"`);
      cost = Number(v);
    } else throw new Error(`unknown argument ${arg}`);
  }
  return { password, cost, ...(config !== undefined ? { config } : {}) };
}

async function readFirstLine(stream: NodeJS.ReadableStream): Promise<string> {
  let text = '';
  for await (const chunk of stream) {
    text += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    if (/\r?\n/.test(text)) break;
  }
  const line = text.split(/\r?\n/)[0] ?? '';
  if (!line) throw new Error('no password on stdin');
  return line;
}

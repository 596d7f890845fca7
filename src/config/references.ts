import { readFile } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';

/**
 * Secrets outside searchgate.yml. Any string value may contain
 *
 * - `${env:NAME}`: the environment variable NAME; when NAME is unset or empty, the contents of the file named
 *   by NAME_FILE (the Docker/Kubernetes secrets convention);
 * - `${file:PATH}`: the contents of the file PATH (relative to the config file's folder);
 *
 * file contents lose one trailing newline (`echo secret > file` writes one). `$${` stands for a literal `${`.
 * Every other `${...}` (such as a DLS-style `${user.name}`) is left as written. An unresolvable reference
 * stops the start with the config path and the variable or file it names — never with a value, since the
 * message ends up in logs.
 */

export interface ReferenceContext {
  readonly env: NodeJS.ProcessEnv;
  /** Folder that relative `${file:...}` paths are taken from. */
  readonly baseDir: string;
}

const REFERENCE = /\$(\$)?\{(env|file):([^}]*)\}/g;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export async function resolveReferences(raw: unknown, ctx: ReferenceContext): Promise<{ value: unknown; problems: string[] }> {
  const problems: string[] = [];
  const walk = async (node: unknown, path: string): Promise<unknown> => {
    if (typeof node === 'string') return resolveString(node, path, ctx, problems);
    if (Array.isArray(node)) {
      const out: unknown[] = [];
      for (const [i, item] of node.entries()) out.push(await walk(item, path ? `${path}.${i}` : String(i)));
      return out;
    }
    if (node !== null && typeof node === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(node)) out[k] = await walk(v, path ? `${path}.${k}` : k);
      return out;
    }
    return node;
  };
  const value = await walk(raw, '');
  return { value, problems };
}

async function resolveString(text: string, path: string, ctx: ReferenceContext, problems: string[]): Promise<string> {
  if (!text.includes('{')) return text;
  const parts: string[] = [];
  let last = 0;
  for (const m of text.matchAll(REFERENCE)) {
    parts.push(text.slice(last, m.index));
    last = m.index + m[0].length;
    const [whole, escaped, kind, name] = m as unknown as [string, string | undefined, 'env' | 'file', string];
    if (escaped) {
      parts.push(whole.slice(1));
      continue;
    }
    const where = path || '(root)';
    const resolved = kind === 'env' ? await fromEnv(name, ctx) : await fromFile(name, ctx);
    if ('problem' in resolved) {
      problems.push(`${where}: ${resolved.problem}`);
      parts.push('');
    } else {
      parts.push(resolved.value);
    }
  }
  parts.push(text.slice(last));
  return parts.join('');
}

async function fromEnv(name: string, ctx: ReferenceContext): Promise<{ value: string } | { problem: string }> {
  if (!ENV_NAME.test(name)) return { problem: `\${env:${name}}: not a valid environment variable name` };
  const direct = ctx.env[name];
  if (direct !== undefined && direct !== '') return { value: direct };
  const file = ctx.env[`${name}_FILE`];
  if (file !== undefined && file !== '') {
    const read = await fromFile(file, { ...ctx, baseDir: process.cwd() });
    return 'problem' in read ? { problem: `${name}_FILE: ${read.problem}` } : read;
  }
  return { problem: `\${env:${name}}: environment variable ${name} is not set (nor ${name}_FILE naming a file that holds it)` };
}

async function fromFile(path: string, ctx: ReferenceContext): Promise<{ value: string } | { problem: string }> {
  if (path.trim() === '') return { problem: '${file:}: no file named' };
  const abs = isAbsolute(path) ? path : resolve(ctx.baseDir, path);
  try {
    const text = await readFile(abs, 'utf8');
    return { value: text.replace(/\r?\n$/, '') };
  } catch (err) {
    return { problem: `cannot read ${abs} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})` };
  }
}

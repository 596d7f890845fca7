import { Command } from 'commander';
import { hashPasswordCommand } from './cli-hash-password.js';
import { parseRoles, parseTtl, tokenCommand } from './cli-token.js';

/** `searchgate <command>`: operator commands beside the server (`npm start` runs src/main.ts). */
const program = new Command('searchgate').description('Searchgate, a permission-scoped GraphQL gateway for OpenSearch');

program
  .command('start')
  .description('start the gateway (same as npm start); SEARCHGATE_CONFIG names the config file')
  .action(async () => {
    await import('./main.js');
  });

program
  .command('hash-password')
  .description('print a bcrypt hash for internal_users.yml; reads the password from stdin unless --password is given')
  .option('--password <password>', 'the password (visible in shell history; prefer stdin)')
  .option('--cost <n>', 'bcrypt cost', '12')
  .option('--config <file>', 'searchgate.yml whose auth.passwordPolicy applies (default: SEARCHGATE_CONFIG, else the built-in minimum)')
  .action(async (opts: { password?: string; cost: string; config?: string }) => {
    const config = opts.config ?? process.env.SEARCHGATE_CONFIG;
    const argv = [
      ...(opts.password !== undefined ? ['--password', opts.password] : []),
      '--cost',
      opts.cost,
      ...(config ? ['--config', config] : []),
    ];
    try {
      await hashPasswordCommand(argv);
    } catch (err) {
      console.error(`searchgate hash-password: ${(err as Error).message}`);
      process.exitCode = 1;
    }
  });

program
  .command('secret')
  .description('print a new masking salt and a new HMAC secret (base64) for searchgate.yml')
  .option('--bytes <n>', 'length of the HMAC secret in bytes (32 is enough for HS256, 64 for HS512)', '64')
  .action(async (opts: { bytes: string }) => {
    const { secretCommand } = await import('./cli-secret.js');
    try {
      secretCommand(opts);
    } catch (err) {
      console.error(`searchgate secret: ${(err as Error).message}`);
      process.exitCode = 1;
    }
  });

program
  .command('token')
  .description('mint a JWT with the HMAC key of a jwt domain in the config, for local trials (the sample key by default)')
  .requiredOption('--sub <name>', 'the user name (subject claim)')
  .option('--roles <list>', 'backend roles, comma-separated, matched exactly', '')
  .option('--ttl <seconds>', 'lifetime in seconds', '3600')
  .option('--config <file>', 'config file holding the key (default: SEARCHGATE_CONFIG or sample/searchgate.yml)')
  .option('--domain <name>', 'the jwt domain, when several have HMAC keys')
  .action(async (opts: { sub: string; roles: string; ttl: string; config?: string; domain?: string }) => {
    try {
      await tokenCommand({
        config: opts.config ?? (process.env.SEARCHGATE_CONFIG || 'sample/searchgate.yml'),
        sub: opts.sub,
        roles: parseRoles(opts.roles),
        ttlSeconds: parseTtl(opts.ttl),
        domain: opts.domain,
      });
    } catch (err) {
      // A usage or config problem: the message says what to fix; a stack trace would only bury it.
      console.error(`searchgate token: ${(err as Error).message}`);
      process.exitCode = 1;
    }
  });

program
  .command('engine')
  .description('serve the embedded engine alone over HTTP on loopback, for curl and other OpenSearch tools')
  .option('--data <dir>', 'data folder', process.env.SEARCHGATE_DATA ?? 'data')
  .option('--port <port>', 'port on 127.0.0.1', '9201')
  .action(async (opts: { data: string; port: string }) => {
    const { Engine, serveEngine } = await import('./engine/index.js');
    const engine = await Engine.open({ dataDir: opts.data });
    const server = await serveEngine(engine, { port: Number(opts.port), host: '127.0.0.1' });
    console.log(`embedded engine (${opts.data}) listening on ${server.url}`);
    const stop = () => void server.close().then(() => engine.close()).then(() => process.exit(0));
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });

program
  .command('schema')
  .description("print the GraphQL schema (SDL) a user or role gets, from the running gateway's admin API, for frontend codegen")
  .option('--user <name>', 'an internal user')
  .option('--role <name>', 'a security role (a caller with exactly this role)')
  .option('--auth <user:password>', "an administrator's credentials, or a whole Authorization value (default: SEARCHGATE_AUTH)")
  .option('--url <url>', 'the gateway (default: http://<server.host>:<server.port> from the config)')
  .option('--config <file>', 'searchgate.yml, for the default URL (default: SEARCHGATE_CONFIG or sample/searchgate.yml)')
  .option('--out <file>', 'write the SDL to this file instead of stdout')
  .action(async (opts: { user?: string; role?: string; auth?: string; url?: string; config?: string; out?: string }) => {
    const { schemaCommand } = await import('./cli-schema.js');
    try {
      await schemaCommand({
        ...opts,
        auth: opts.auth ?? process.env.SEARCHGATE_AUTH,
        config: opts.config ?? (process.env.SEARCHGATE_CONFIG || 'sample/searchgate.yml'),
      });
    } catch (err) {
      console.error(`searchgate schema: ${(err as Error).message}`);
      process.exitCode = 1;
    }
  });

const configCmd = program
  .command('config')
  .description('move the security configuration (the plugin\'s YAML files) in and out of the store on the backend');
for (const action of ['import', 'export'] as const) {
  configCmd
    .command(`${action} <folder>`)
    .description(
      action === 'import'
        ? 'validate roles.yml, roles_mapping.yml, ... in <folder> and make them the configuration in force (a new version)'
        : 'write the configuration in force as roles.yml, roles_mapping.yml, ... into <folder>',
    )
    .option('--config <file>', 'searchgate.yml (default: SEARCHGATE_CONFIG or sample/searchgate.yml)')
    .action(async (folder: string, opts: { config?: string }) => {
      const [{ loadConfig }, { runConfigCommand }] = await Promise.all([import('./config/load.js'), import('./config/store/cli-config.js')]);
      try {
        await runConfigCommand(await loadConfig(opts.config ?? process.env.SEARCHGATE_CONFIG ?? 'sample/searchgate.yml'), action, folder);
      } catch (err) {
        console.error(`searchgate config ${action}: ${(err as Error).message}`);
        process.exitCode = 1;
      }
    });
}

await program.parseAsync(process.argv);

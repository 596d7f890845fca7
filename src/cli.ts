import { Command } from 'commander';
import { hashPasswordCommand } from './auth/cli-hash-password.js';

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
  .action(async (opts: { password?: string; cost: string }) => {
    const argv = [...(opts.password !== undefined ? ['--password', opts.password] : []), '--cost', opts.cost];
    await hashPasswordCommand(argv);
  });

await program.parseAsync(process.argv);

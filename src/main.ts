import { resolve } from 'node:path';
import { ConfigError, loadConfig } from './config/load.js';
import { startGateway } from './gateway.js';
import { log } from './log.js';

/** Start-up: load config, open the backend, start HTTP, drain on SIGTERM/SIGINT. */
async function main(): Promise<void> {
  const file = resolve(process.env.SEARCHGATE_CONFIG ?? 'sample/searchgate.yml');
  const gateway = await startGateway(await loadConfig(file));
  // Every stdout line is structured: the gateway has logged its URL and backend ("Searchgate is ready").
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    gateway.close().then(
      () => process.exit(0),
      (err) => {
        log.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((err) => {
  if (err instanceof ConfigError || err?.name === 'SecurityConfigError') {
    console.error(err.message);
  } else {
    console.error('Searchgate failed to start:', err);
  }
  process.exit(1);
});

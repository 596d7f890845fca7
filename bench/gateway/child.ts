import { join } from 'node:path';
import { loadConfig } from '../../src/config/load.js';
import { startGateway } from '../../src/gateway.js';

/**
 * The gateway under test, in its own process so that its CPU time can be read apart from the load
 * generator's. Reports its URL, then answers `cpu` with process.cpuUsage().
 */
const dir = process.argv[2]!;
const gateway = await startGateway(await loadConfig(join(dir, 'searchgate.yml'), {}));
process.send!({ kind: 'ready', url: gateway.url });
process.on('message', (m: { kind: string }) => {
  if (m.kind === 'cpu') process.send!({ kind: 'cpu', usage: process.cpuUsage(), memory: process.memoryUsage() });
  if (m.kind === 'stop') void gateway.close().then(() => process.exit(0));
});

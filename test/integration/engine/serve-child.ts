/**
 * Child process for the durability tests: opens an Engine on argv[2], serves it on a loopback port and
 * prints { url } as one JSON line. Optional argv[3]: checkpointBytes; argv[4] === 'repair': repairTornTail.
 * On an open failure it prints { error, code, file, offset } and exits 1.
 */
import { Engine } from '../../../src/engine/engine.js';
import { serveEngine } from '../../../src/engine/server.js';

const [dataDir, checkpointBytes, repair] = process.argv.slice(2);
try {
  const engine = await Engine.open({
    dataDir: dataDir!,
    ...(checkpointBytes ? { checkpointBytes: Number(checkpointBytes) } : {}),
    repairTornTail: repair === 'repair',
  });
  const { url } = await serveEngine(engine, { port: 0, host: '127.0.0.1' });
  process.stdout.write(`${JSON.stringify({ url })}\n`);
} catch (e) {
  const err = e as { message?: string; code?: string; file?: string; offset?: number };
  process.stdout.write(`${JSON.stringify({ error: err.message, code: err.code, file: err.file, offset: err.offset })}\n`);
  process.exit(1);
}

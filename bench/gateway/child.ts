/**
 * The gateway under test, in its own process so that its CPU time and memory are read apart from the load
 * generator's. `node bench/gateway/child.ts DIR dist` runs the compiled gateway (what `npm start` runs);
 * `node --import tsx bench/gateway/child.ts DIR src` runs the TypeScript sources through tsx.
 */
import { join } from 'node:path';

type Harness = typeof import('./harness.ts');
type Load = typeof import('../../src/config/load.js');
type Gw = typeof import('../../src/gateway.js');

const dir = process.argv[2]!;
const from = process.argv[3] === 'src' ? 'src' : 'dist';
const at = (path: string) => new URL(`../../${from}/${path}`, import.meta.url).href;
const [{ serveHarness }, { loadConfig }, { startGateway }] = await Promise.all([
  import(new URL('./harness.ts', import.meta.url).href) as Promise<Harness>,
  import(at('config/load.js')) as Promise<Load>,
  import(at('gateway.js')) as Promise<Gw>,
]);
const gateway = await startGateway(await loadConfig(join(dir, 'searchgate.yml'), {}));
serveHarness(gateway.url, () => gateway.close());

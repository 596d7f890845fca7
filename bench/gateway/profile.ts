/** Ad-hoc profile helper: `node --cpu-prof --import tsx bench/gateway/profile.ts` then read the .cpuprofile. */
import { Agent, request } from 'node:http';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/load.js';
import { startGateway } from '../../src/gateway.js';
import { startInstantBackend } from './instant-backend.js';
import { PASSWORD, QUERY, USER, writeFixture } from './fixture.js';

const backend = await startInstantBackend();
const dir = await writeFixture(backend.url);
const gw = await startGateway(await loadConfig(join(dir, 'searchgate.yml'), {}));
const agent = new Agent({ keepAlive: true, maxSockets: 16 });
const body = JSON.stringify({ query: QUERY, variables: { q: 'document words' } });
const auth = `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString('base64')}`;
const one = () =>
  new Promise<void>((resolve, reject) => {
    const req = request(`${gw.url}/graphql`, { method: 'POST', agent, headers: { 'content-type': 'application/json', authorization: auth } }, (res) => {
      res.resume();
      res.on('end', () => resolve());
    });
    req.on('error', reject);
    req.end(body);
  });
const total = Number(process.argv[2] ?? 4000);
// Warm up (password cache, schema, compiled query, JIT), then profile the steady state only.
let n = -2000;
await Promise.all(Array.from({ length: 16 }, async () => { while (n++ < 0) await one(); }));
const { Session } = await import('node:inspector/promises');
const session = new Session();
session.connect();
await session.post('Profiler.enable');
await session.post('Profiler.start');
const t0 = performance.now();
const cpu0 = process.cpuUsage();
await Promise.all(Array.from({ length: 16 }, async () => { while (n++ < total) await one(); }));
const cpu = process.cpuUsage(cpu0);
const { profile } = await session.post('Profiler.stop');
const { writeFile } = await import('node:fs/promises');
await writeFile(process.argv[3] ?? 'gateway.cpuprofile', JSON.stringify(profile));
console.log(`${total} requests in ${(performance.now() - t0).toFixed(0)} ms; process CPU (gateway + client + backend) ${((cpu.user + cpu.system) / total).toFixed(0)} µs/request`);
agent.destroy();
await gw.close();
await backend.close();

import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';

/**
 * bcrypt compares on worker threads. bcryptjs is pure JavaScript: on the main thread one cost-12 compare
 * blocks every other request for ~250 ms, so a flood of wrong logins used to starve signed-in users.
 *
 * The pool is deliberately small: bcrypt is CPU-bound, and more threads than cores only adds switching. It
 * queues without limit; the caller (PasswordVerifier) bounds how many compares may be pending at once.
 */

export function defaultBcryptWorkers(): number {
  return Math.max(1, Math.min(4, availableParallelism() - 1));
}

/*
 * The worker runs this source, not a module file: a .ts worker would need a TypeScript loader in every way
 * Searchgate is started (tsx, vitest, compiled), while this plain script needs none. bcryptjs is resolved here,
 * in the main thread (its CommonJS build), and handed over as a path, so the worker loads exactly the copy the gateway uses.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const bcrypt = require(workerData.bcryptPath);
try {
  // Lower this thread's scheduling priority (on Linux the nice value is per thread; pid 0 is this thread), so
  // that on a busy machine the event loop serving signed-in requests wins the CPU over password guessing.
  require('node:os').setPriority(0, workerData.nice);
} catch {
  // Not permitted or not supported: bcrypt still runs off the event loop, just at normal priority.
}
parentPort.on('message', ({ id, password, hash }) => {
  let ok = false;
  try {
    ok = bcrypt.compareSync(password, hash);
  } catch {
    ok = false;
  }
  parentPort.postMessage({ id, ok });
});
`;

/** Nice value of the bcrypt threads: background work next to the event loop (0 normal, 19 lowest). */
const WORKER_NICE = 10;

interface Task {
  id: number;
  password: string;
  hash: string;
  resolve(ok: boolean): void;
  reject(err: Error): void;
}

interface Slot {
  worker: Worker;
  busy?: Task;
}

export class BcryptPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Task[] = [];
  private nextId = 1;
  private closed = false;
  private bcryptPath: string | undefined;

  /** `workers` defaults to one less than the cores (at least 1, at most 4), leaving one for requests. */
  constructor(readonly workers: number = defaultBcryptWorkers()) {
    if (!Number.isInteger(workers) || workers < 1) throw new Error('bcrypt workers must be a positive integer');
  }

  /** True if the password matches the hash; a hash bcrypt cannot read never matches. */
  compare(password: string, hash: string): Promise<boolean> {
    if (this.closed) return Promise.reject(new Error('bcrypt pool is closed'));
    return new Promise<boolean>((resolve, reject) => {
      this.queue.push({ id: this.nextId++, password, hash, resolve, reject });
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const t of this.queue.splice(0)) t.reject(new Error('bcrypt pool is closed'));
    const slots = this.slots.splice(0);
    for (const s of slots) s.busy?.reject(new Error('bcrypt pool is closed'));
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      let slot = this.slots.find((s) => !s.busy);
      if (!slot && this.slots.length < this.workers) slot = this.spawn();
      if (!slot) return;
      const task = this.queue.shift()!;
      slot.busy = task;
      // Referenced only while it works: a pending check keeps the process alive, an idle pool does not.
      slot.worker.ref();
      slot.worker.postMessage({ id: task.id, password: task.password, hash: task.hash });
    }
  }

  private spawn(): Slot {
    this.bcryptPath ??= createRequire(import.meta.url).resolve('bcryptjs');
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { bcryptPath: this.bcryptPath, nice: WORKER_NICE } });
    worker.unref();
    const slot: Slot = { worker };
    worker.on('message', (msg: { id?: number; ok?: boolean }) => {
      const task = slot.busy;
      if (!task || msg.id !== task.id) return;
      slot.busy = undefined;
      slot.worker.unref();
      task.resolve(msg.ok === true);
      this.dispatch();
    });
    const fail = (err: Error) => {
      // A dead worker fails its own task (a refusal, never a match) and is replaced on the next dispatch.
      const i = this.slots.indexOf(slot);
      if (i >= 0) this.slots.splice(i, 1);
      slot.busy?.reject(err);
      slot.busy = undefined;
      if (!this.closed) this.dispatch();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`bcrypt worker exited with code ${code}`)));
    this.slots.push(slot);
    return slot;
  }
}

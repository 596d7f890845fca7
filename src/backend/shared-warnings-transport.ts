/**
 * Works around a GC problem in @opensearch-project/opensearch's Transport (issue 13, "abnormal GC promotion").
 *
 * `Transport.request` ends its set-up with `Object.defineProperty(result, 'warnings', { get() {...} })`: a new
 * getter function per request. The getter closes over the whole request (its params and serialized body, the
 * result with the parsed answer, the socket request, the caller's callback), and defining an accessor with a
 * new function gives `result` a new hidden class kept in V8's transition tree. Full GCs treat that tree as weak
 * and free it all; young-generation GCs cannot (the tree lives in old space), so every request's objects
 * survived two scavenges and were promoted: ≈12 KiB per search with the client alone (vs 60 B with undici
 * called directly), ≈1.2–1.8 MiB per young GC in the gateway, all of it garbage for the next full GC to find.
 *
 * The getter reads only `this.headers`, so one shared function does the same. While `super.request` runs
 * (synchronously up to that call), this Transport lets exactly that definition use the shared getter; nothing
 * else changes. Measured with the client alone: promoted bytes per request 12,151 → 17.
 */
import type { Transport } from '@opensearch-project/opensearch';

/** The getter the client defines per request, as one function (same body: the `warning` header, split). */
function warnings(this: { headers?: Record<string, string> | null }): string[] | null {
  return this.headers && this.headers.warning ? this.headers.warning.split(/(?!\B"[^"]*),(?![^"]*"\B)/) : null;
}

const nativeDefineProperty = Object.defineProperty;
let inRequest = 0;

function defineProperty<T>(o: T, p: PropertyKey, attributes: PropertyDescriptor & ThisType<unknown>): T {
  if (inRequest > 0 && p === 'warnings' && typeof attributes?.get === 'function' && typeof o === 'object' && o !== null && 'meta' in o && 'statusCode' in o) {
    return nativeDefineProperty(o, p, { get: warnings });
  }
  return nativeDefineProperty(o, p, attributes);
}

let installed = false;

/** A subclass of `Base` (the client's Transport, or the SigV4 signer's) whose results share one `warnings` getter. */
export function sharedWarningsTransport(Base: typeof Transport): typeof Transport {
  if (!installed) {
    // Only ever active inside SharedWarningsTransport.request (inRequest > 0); a plain pass-through otherwise.
    Object.defineProperty = defineProperty as typeof Object.defineProperty;
    installed = true;
  }
  class SharedWarningsTransport extends Base {
    override request(...args: unknown[]): never {
      inRequest++;
      try {
        return (super.request as (...a: unknown[]) => never)(...args);
      } finally {
        inRequest--;
      }
    }
  }
  return SharedWarningsTransport as unknown as typeof Transport;
}

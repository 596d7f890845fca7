import type { Client } from '@opensearch-project/opensearch';
import { log } from '../log.js';

/**
 * `/readyz`: the gateway is ready once its configuration and catalog are loaded (they are before it listens)
 * and while the backend answers. The backend is probed on a timer rather than per request, so a probe costs the
 * backend one tiny request per interval whatever the traffic, and an outage shows within one interval.
 */
export class Readiness {
  private backendUp = true;
  private lastError: string | undefined;
  private readonly timer: NodeJS.Timeout;
  private probing = false;

  constructor(
    private readonly client: Client,
    intervalMs: number,
  ) {
    this.timer = setInterval(() => void this.probe(), intervalMs);
    this.timer.unref();
  }

  state(): { ready: boolean; reason?: string } {
    return this.backendUp ? { ready: true } : { ready: false, reason: `backend unreachable: ${this.lastError ?? 'no answer'}` };
  }

  async probe(): Promise<void> {
    if (this.probing) return;
    this.probing = true;
    try {
      await this.client.info({}, { requestTimeout: 2000, maxRetries: 0 });
      if (!this.backendUp) log.info('backend reachable again; ready');
      this.backendUp = true;
      this.lastError = undefined;
    } catch (err) {
      if (this.backendUp) log.warn({ err }, 'backend unreachable; not ready');
      this.backendUp = false;
      // Kept short and generic: /readyz is unauthenticated.
      this.lastError = (err as { name?: string })?.name ?? 'error';
    } finally {
      this.probing = false;
    }
  }

  close(): void {
    clearInterval(this.timer);
  }
}

/** Cluster-level answers: `GET /` (which the client uses to verify the product) and `_cluster/health`. */
import { randomBytes } from 'node:crypto';
import { EngineError } from '../errors.js';
import { head, ok } from './respond.js';
import type { Handler } from './types.js';

/** The OpenSearch version whose REST behaviour the engine imitates. */
export const COMPATIBLE_VERSION = '3.6.0';
const CLUSTER_NAME = 'searchgate-embedded';
const clusterUuid = randomBytes(16).toString('base64url').slice(0, 22);

export const info: Handler = (_ctx, req) => {
  if (req.method === 'HEAD') return head(true);
  return ok({
    name: 'embedded',
    cluster_name: CLUSTER_NAME,
    cluster_uuid: clusterUuid,
    version: {
      distribution: 'opensearch',
      number: COMPATIBLE_VERSION,
      build_type: 'embedded',
      build_hash: 'embedded',
      build_date: '2026-01-01T00:00:00Z',
      build_snapshot: false,
      lucene_version: '10.4.0',
      minimum_wire_compatibility_version: '2.19.0',
      minimum_index_compatibility_version: '2.0.0',
    },
    tagline: 'The OpenSearch Project: https://opensearch.org/',
  });
};

export const health: Handler = (ctx, req) => {
  const level = req.params.level;
  if (level !== undefined && level !== 'cluster') {
    throw new EngineError(400, 'illegal_argument_exception', `level [${level}] is not supported by the embedded engine`);
  }
  const ws = req.params.wait_for_status;
  if (ws !== undefined && !['green', 'yellow', 'red'].includes(ws)) {
    throw new EngineError(400, 'illegal_argument_exception', `unknown cluster health status [${ws}]`);
  }
  const shards = ctx.catalog.indexNames().length;
  return ok({
    cluster_name: CLUSTER_NAME, status: 'green', timed_out: false, number_of_nodes: 1, number_of_data_nodes: 1,
    discovered_master: true, discovered_cluster_manager: true, active_primary_shards: shards, active_shards: shards,
    relocating_shards: 0, initializing_shards: 0, unassigned_shards: 0, delayed_unassigned_shards: 0,
    number_of_pending_tasks: 0, number_of_in_flight_fetch: 0, task_max_waiting_in_queue_millis: 0,
    active_shards_percent_as_number: 100.0,
  });
};

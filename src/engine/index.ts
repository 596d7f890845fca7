/** Public API of the embedded engine. */
export { Engine, EngineCorruptionError, EngineStoreError } from './engine.js';
export type { EngineOptions, EngineRequest, EngineResponse } from './engine.js';
export { embeddedConnection } from './connection.js';
export { serveEngine } from './server.js';
export { EngineError } from './errors.js';

import { pino } from 'pino';

/** The process logger: JSON lines on stdout. `LOG_LEVEL` sets the level (default info; silent in tests). */
export const log = pino({
  level: process.env.LOG_LEVEL ?? (process.env.VITEST ? 'silent' : 'info'),
  base: { service: 'searchgate' },
});

/** Latency summaries for benchmarks. */

export interface LatencySummary {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  mean: number;
}

/** Nearest-rank percentile over a copy of the samples (milliseconds). */
export function summarize(samplesMs: readonly number[]): LatencySummary {
  if (samplesMs.length === 0) return { count: 0, p50: Number.NaN, p95: Number.NaN, p99: Number.NaN, mean: Number.NaN };
  const sorted = [...samplesMs].sort((a, b) => a - b);
  const rank = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
  const mean = sorted.reduce((s, x) => s + x, 0) / sorted.length;
  return { count: sorted.length, p50: rank(50), p95: rank(95), p99: rank(99), mean };
}

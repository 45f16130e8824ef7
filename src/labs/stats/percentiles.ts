// Percentiles of measured durations: nearest rank (the smallest value with at least
// q·n values at or below it), so p50/p90/p99 are always durations that were seen.

export function percentile(values: readonly number[], q: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((q / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1]!;
}

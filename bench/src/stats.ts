/**
 * Small, dependency-free statistics for benchmark samples. Percentiles use the
 * nearest-rank method on a sorted copy, so they always return a value that was measured.
 */

/** Sorted copy of `values`, ascending. */
export function sorted(values: readonly number[]): number[] {
  return [...values].sort((a, b) => a - b);
}

/**
 * The `p`-th percentile (0–100) by nearest rank. `NaN` for an empty sample.
 * `percentile(xs, 50)` is the median; `percentile(xs, 100)` the maximum.
 */
export function percentile(values: readonly number[], p: number): number {
  if (!(p >= 0 && p <= 100)) throw new RangeError('percentile p must be within 0..100');
  if (values.length === 0) return Number.NaN;
  const s = sorted(values);
  const rank = Math.max(1, Math.ceil((p / 100) * s.length));
  return s[rank - 1] as number;
}

/** Median (nearest-rank p50). */
export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

/** Arithmetic mean; `NaN` for an empty sample. */
export function mean(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

/** p50 / p99 / max of a latency sample, in the sample's unit. */
export interface LatencySummary {
  count: number;
  p50: number;
  p99: number;
  max: number;
}

/** Summarizes a latency sample. */
export function summarize(values: readonly number[]): LatencySummary {
  return {
    count: values.length,
    p50: percentile(values, 50),
    p99: percentile(values, 99),
    max: values.length === 0 ? Number.NaN : Math.max(...values),
  };
}

/**
 * `value / baseline`, or `NaN` when either is not a finite positive number, so a broken
 * measurement shows as "n/a" instead of a misleading ratio.
 */
export function ratio(value: number, baseline: number): number {
  if (!(Number.isFinite(value) && Number.isFinite(baseline)) || baseline <= 0) return Number.NaN;
  return value / baseline;
}

import { describe, expect, it } from 'vitest';
import { mean, median, percentile, ratio, summarize } from '../stats.js';

describe('percentile (nearest rank)', () => {
  const xs = [15, 20, 35, 40, 50];

  it('returns measured values at the usual ranks', () => {
    expect(percentile(xs, 0)).toBe(15);
    expect(percentile(xs, 30)).toBe(20);
    expect(percentile(xs, 40)).toBe(20);
    expect(percentile(xs, 50)).toBe(35);
    expect(percentile(xs, 100)).toBe(50);
  });

  it('does not depend on input order and does not mutate it', () => {
    const shuffled = [40, 15, 50, 35, 20];
    expect(percentile(shuffled, 50)).toBe(35);
    expect(shuffled).toEqual([40, 15, 50, 35, 20]);
  });

  it('p99 of 1..1000 is 990', () => {
    const values = Array.from({ length: 1000 }, (_, i) => i + 1);
    expect(percentile(values, 99)).toBe(990);
    expect(median(values)).toBe(500);
  });

  it('is NaN for an empty sample and rejects p outside 0..100', () => {
    expect(percentile([], 50)).toBeNaN();
    expect(() => percentile(xs, 101)).toThrow(RangeError);
    expect(() => percentile(xs, Number.NaN)).toThrow(RangeError);
  });
});

describe('summaries and ratios', () => {
  it('summarizes count, p50, p99 and max', () => {
    expect(summarize([3, 1, 2])).toEqual({ count: 3, p50: 2, p99: 3, max: 3 });
    expect(summarize([]).max).toBeNaN();
  });

  it('averages', () => {
    expect(mean([1, 2, 3, 6])).toBe(3);
    expect(mean([])).toBeNaN();
  });

  it('divides by a positive finite baseline only', () => {
    expect(ratio(150, 100)).toBe(1.5);
    expect(ratio(1, 0)).toBeNaN();
    expect(ratio(1, Number.NaN)).toBeNaN();
    expect(ratio(Number.POSITIVE_INFINITY, 1)).toBeNaN();
  });
});

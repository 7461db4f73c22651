import { describe, expect, it } from 'vitest';
import { bucketMax, escapeXml, renderRotationChart } from '../svg-chart.js';

describe('bucketMax', () => {
  it('keeps the worst latency of each time bucket, in time order', () => {
    const points = [
      { at: 0, latencyMs: 2 },
      { at: 100, latencyMs: 9 },
      { at: 260, latencyMs: 4 },
      { at: 1000, latencyMs: 1 },
    ];
    expect(bucketMax(points, 250)).toEqual([
      [0, 9],
      [250, 4],
      [1000, 1],
    ]);
  });
});

describe('renderRotationChart', () => {
  const svg = renderRotationChart({
    title: 'Rotation <test>',
    expiryAtMs: 2000,
    series: [
      {
        label: 'a & b',
        points: [
          { at: 0, latencyMs: 1 },
          { at: 2100, latencyMs: 250 },
        ],
      },
      { label: 'empty', points: [] },
    ],
  });

  it('is a standalone SVG document with escaped text', () => {
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
    expect(svg).toContain('Rotation &lt;test&gt;');
    expect(svg).toContain('a &amp; b');
    expect(svg).not.toContain('<test>');
  });

  it('draws one panel per series, a line only where there is data, and the expiry marker', () => {
    expect(svg.match(/<g>/g)).toHaveLength(2);
    expect(svg.match(/<path /g)).toHaveLength(1);
    expect(svg.match(/stroke-dasharray/g)).toHaveLength(2);
  });

  it('escapes quotes for attributes', () => {
    expect(escapeXml('"x"')).toBe('&quot;x&quot;');
  });
});

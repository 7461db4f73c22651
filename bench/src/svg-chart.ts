/**
 * A hand-written SVG chart of request latency across a token rotation: one panel per
 * library, shared axes, log-scale latency, the worst latency in each time bucket drawn as
 * a line, and the token's expiry marked. No dependencies; the output is a plain string.
 */

/** One library's latency over time. */
export interface ChartSeries {
  label: string;
  /** `at`: ms since the stream started; `latencyMs`: that request's latency. */
  points: { at: number; latencyMs: number }[];
}

/** What to draw. */
export interface RotationChart {
  title: string;
  series: ChartSeries[];
  /** Where to draw the "token expires" marker, ms since the stream started. */
  expiryAtMs: number;
  /** Width of a time bucket, ms; default 250. */
  bucketMs?: number;
}

const WIDTH = 860;
const PANEL_HEIGHT = 96;
const PANEL_GAP = 18;
const LEFT = 190;
const RIGHT = 40;
const TOP = 48;
const BOTTOM = 40;
const COLORS = ['#1f77b4', '#2ca02c', '#d62728', '#9467bd', '#ff7f0e', '#8c564b', '#17becf'];

/** Escapes text for SVG content and attributes. */
export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/** Worst latency per bucket: `[bucketStartMs, maxLatencyMs][]`, empty buckets skipped. */
export function bucketMax(
  points: { at: number; latencyMs: number }[],
  bucketMs: number,
): [number, number][] {
  const buckets = new Map<number, number>();
  for (const p of points) {
    const key = Math.floor(p.at / bucketMs) * bucketMs;
    buckets.set(key, Math.max(buckets.get(key) ?? 0, p.latencyMs));
  }
  return [...buckets.entries()].sort((a, b) => a[0] - b[0]);
}

/** Renders the chart as a standalone SVG document. */
export function renderRotationChart(chart: RotationChart): string {
  const bucketMs = chart.bucketMs ?? 250;
  const series = chart.series.map((s) => ({ label: s.label, line: bucketMax(s.points, bucketMs) }));
  const maxAt = Math.max(chart.expiryAtMs, ...series.flatMap((s) => s.line.map(([at]) => at))) || 1;
  const maxLatency = Math.max(1, ...series.flatMap((s) => s.line.map(([, ms]) => ms)));
  const yMinLog = -1; // 0.1 ms
  const yMaxLog = Math.max(1, Math.ceil(Math.log10(maxLatency)));
  const plotWidth = WIDTH - LEFT - RIGHT;
  const height = TOP + series.length * (PANEL_HEIGHT + PANEL_GAP) + BOTTOM;
  const x = (at: number) => LEFT + (at / maxAt) * plotWidth;
  const yIn = (top: number, ms: number) => {
    const log = Math.min(yMaxLog, Math.max(yMinLog, Math.log10(Math.max(ms, 1e-3))));
    return top + PANEL_HEIGHT - ((log - yMinLog) / (yMaxLog - yMinLog)) * PANEL_HEIGHT;
  };
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="system-ui, sans-serif" font-size="12" role="img">`,
    `<title>${escapeXml(chart.title)}</title>`,
    `<rect width="${WIDTH}" height="${height}" fill="#ffffff"/>`,
    `<text x="${LEFT}" y="22" font-size="15" font-weight="600">${escapeXml(chart.title)}</text>`,
    `<text x="${LEFT}" y="38" fill="#555">worst request latency per ${bucketMs} ms (log scale); dashed line: token expiry</text>`,
  ];
  series.forEach((s, i) => {
    const top = TOP + i * (PANEL_HEIGHT + PANEL_GAP);
    const color = COLORS[i % COLORS.length];
    out.push(
      `<g>`,
      `<rect x="${LEFT}" y="${top}" width="${plotWidth}" height="${PANEL_HEIGHT}" fill="#fafafa" stroke="#ddd"/>`,
      `<text x="${LEFT - 10}" y="${top + PANEL_HEIGHT / 2 + 4}" text-anchor="end">${escapeXml(s.label)}</text>`,
    );
    for (let log = yMinLog; log <= yMaxLog; log += 1) {
      const y = yIn(top, 10 ** log).toFixed(1);
      const label = `${10 ** log}`;
      out.push(
        `<line x1="${LEFT}" x2="${LEFT + plotWidth}" y1="${y}" y2="${y}" stroke="#eee"/>`,
        `<text x="${LEFT + plotWidth + 2}" y="${y}" font-size="9" fill="#999">${label}</text>`,
      );
    }
    const ex = x(chart.expiryAtMs).toFixed(1);
    out.push(
      `<line x1="${ex}" x2="${ex}" y1="${top}" y2="${top + PANEL_HEIGHT}" stroke="#d00" stroke-dasharray="4 3"/>`,
    );
    if (s.line.length > 0) {
      const path = s.line
        .map(
          ([at, ms], j) => `${j === 0 ? 'M' : 'L'}${x(at).toFixed(1)},${yIn(top, ms).toFixed(1)}`,
        )
        .join(' ');
      out.push(`<path d="${path}" fill="none" stroke="${color}" stroke-width="1.5"/>`);
    }
    out.push(`</g>`);
  });
  const axisY = TOP + series.length * (PANEL_HEIGHT + PANEL_GAP);
  const stepS = Math.max(1, Math.ceil(maxAt / 1000 / 10));
  for (let s = 0; s * 1000 <= maxAt; s += stepS) {
    out.push(
      `<text x="${x(s * 1000).toFixed(1)}" y="${axisY + 4}" text-anchor="middle" fill="#555">${s}s</text>`,
    );
  }
  out.push(
    `<text x="${LEFT + plotWidth / 2}" y="${axisY + 24}" text-anchor="middle" fill="#555">time since the stream started; latency in ms</text>`,
    '</svg>',
  );
  return `${out.join('\n')}\n`;
}

/**
 * A results table, rendered two ways: aligned plain text for the terminal and GitHub
 * Markdown for docs/BENCHMARKS.md. Cells are strings; formatting numbers is the caller's job
 * (see the `fmt*` helpers below), so both renderings show exactly the same figures.
 */

/** A titled table with a header row and data rows of equal width. */
export interface Table {
  title: string;
  /** One line under the title: what is measured and what the limit is. */
  caption?: string;
  header: string[];
  rows: string[][];
  /** Lines printed under the table (how to read it, caveats). */
  notes?: string[];
}

function checkShape(table: Table): void {
  for (const row of table.rows) {
    if (row.length !== table.header.length) {
      throw new Error(
        `table "${table.title}": row has ${row.length} cells, header has ${table.header.length}`,
      );
    }
  }
}

/** Column-aligned text: first column left-aligned, the others right-aligned. */
export function renderText(table: Table): string {
  checkShape(table);
  const all = [table.header, ...table.rows];
  const widths = table.header.map((_, c) => Math.max(...all.map((r) => (r[c] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, c) => (c === 0 ? cell.padEnd(widths[c] ?? 0) : cell.padStart(widths[c] ?? 0)))
      .join('  ')
      .trimEnd();
  const out = [table.title];
  if (table.caption) out.push(table.caption);
  out.push(line(table.header), widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of table.rows) out.push(line(row));
  for (const note of table.notes ?? []) out.push(`  ${note}`);
  return out.join('\n');
}

function escapeCell(cell: string): string {
  return cell.replace(/\|/g, '\\|');
}

/** A GitHub Markdown table under a `###` heading. */
export function renderMarkdown(table: Table): string {
  checkShape(table);
  const row = (cells: string[]) => `| ${cells.map(escapeCell).join(' | ')} |`;
  const align = table.header.map((_, c) => (c === 0 ? '---' : '---:'));
  const out = [`### ${table.title}`, ''];
  if (table.caption) out.push(table.caption, '');
  out.push(row(table.header), `|${align.join('|')}|`);
  for (const r of table.rows) out.push(row(r));
  if (table.notes && table.notes.length > 0) {
    out.push('');
    for (const note of table.notes) out.push(`- ${note}`);
  }
  return out.join('\n');
}

/** A ratio like `1.03×`, or `n/a`. */
export function fmtRatio(value: number, digits = 2): string {
  return Number.isFinite(value) ? `${value.toFixed(digits)}×` : 'n/a';
}

/** Milliseconds with one decimal, e.g. `12.3 ms`, or `n/a`. */
export function fmtMs(value: number): string {
  return Number.isFinite(value) ? `${value.toFixed(1)} ms` : 'n/a';
}

/** A signed millisecond difference, e.g. `+201.4 ms`. */
export function fmtDeltaMs(value: number): string {
  if (!Number.isFinite(value)) return 'n/a';
  const sign = value >= 0 ? '+' : '−';
  return `${sign}${Math.abs(value).toFixed(1)} ms`;
}

/** An integer count with thousands separators, or `n/a`. */
export function fmtCount(value: number): string {
  return Number.isFinite(value) ? Math.round(value).toLocaleString('en-US') : 'n/a';
}

/** A number with fixed decimals, or `n/a`. */
export function fmtNumber(value: number, digits = 1): string {
  return Number.isFinite(value) ? value.toFixed(digits) : 'n/a';
}

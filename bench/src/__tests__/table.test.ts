import { describe, expect, it } from 'vitest';
import {
  fmtCount,
  fmtDeltaMs,
  fmtMs,
  fmtRatio,
  renderMarkdown,
  renderText,
  type Table,
} from '../table.js';

const table: Table = {
  title: 'Cold start',
  caption: 'Limit: 1',
  header: ['library', 'identity calls'],
  rows: [
    ['@livedata/core', '1'],
    ['axios-auth-refresh', '51'],
  ],
  notes: ['a note'],
};

describe('renderText', () => {
  it('aligns the first column left and the others right', () => {
    const lines = renderText(table).split('\n');
    expect(lines[0]).toBe('Cold start');
    expect(lines[1]).toBe('Limit: 1');
    expect(lines[2]).toBe('library             identity calls');
    expect(lines[3]).toBe('------------------  --------------');
    expect(lines[4]).toBe('@livedata/core                   1');
    expect(lines[5]).toBe('axios-auth-refresh              51');
    expect(lines[6]).toBe('  a note');
  });

  it('refuses a row whose width differs from the header', () => {
    expect(() => renderText({ ...table, rows: [['only one cell']] })).toThrow(/row has 1 cells/);
  });
});

describe('renderMarkdown', () => {
  it('renders a GitHub table with right-aligned figures and escaped pipes', () => {
    const md = renderMarkdown({ ...table, rows: [['a|b', '1']], notes: [] });
    expect(md).toBe(
      [
        '### Cold start',
        '',
        'Limit: 1',
        '',
        '| library | identity calls |',
        '|---|---:|',
        '| a\\|b | 1 |',
      ].join('\n'),
    );
  });
});

describe('number formatting', () => {
  it('formats ratios, times, deltas and counts, and shows n/a for non-finite values', () => {
    expect(fmtRatio(1.005)).toBe('1.00×');
    expect(fmtRatio(Number.NaN)).toBe('n/a');
    expect(fmtMs(12.34)).toBe('12.3 ms');
    expect(fmtDeltaMs(201.44)).toBe('+201.4 ms');
    expect(fmtDeltaMs(-3)).toBe('−3.0 ms');
    expect(fmtCount(10000)).toBe('10,000');
    expect(fmtCount(Number.POSITIVE_INFINITY)).toBe('n/a');
  });
});

import { describe, expect, it } from 'vitest';
import { autoLog, defaultFigures, seriesRows, vegaLiteSpec } from '../../src/report/figure-spec.js';
import { renderSvg, svgToPng } from '../../src/report/render-figure.js';

/** The data values a Vega-Lite spec carries (the long form the figure module builds). */
function values(spec: unknown): { x: number; y: number; line: string | number }[] {
  return (spec as { data: { values: { x: number; y: number; line: string | number }[] } }).data.values;
}

/** Number of marks in the SVG group of a Vega mark type (symbol = points), counted as the paths inside it. */
function marks(svg: string, type: string): number {
  const start = svg.indexOf(`<g class="mark-${type} role-mark`);
  if (start < 0) return 0;
  const end = svg.indexOf('</g>', start);
  return (svg.slice(start, end).match(/<path /g) ?? []).length;
}

describe('figure specs', () => {
  it('log axes by default exactly when values are ≥ 0 and span two decades', () => {
    expect(autoLog([1, 10, 100])).toBe(true);
    expect(autoLog([0, 1, 100])).toBe(true);
    expect(autoLog([1, 99])).toBe(false);
    expect(autoLog([-1, 1, 1000])).toBe(false);
    expect(autoLog([NaN, 1, 1000, null, Infinity])).toBe(true);
    expect(autoLog([5])).toBe(false);
  });

  it('long form: one value per finite point and column; points ≤ 0 dropped only on a log axis', () => {
    const rows = seriesRows({ t: [0, 1, 2, 3], a: [1, NaN, 100, 1000], b: [0, 2, 3] });
    expect(rows[3]).toEqual({ t: 3, a: 1000, b: null });
    const lin = vegaLiteSpec({ name: 'f', title: 'f', series: 's', x: 't', y: ['a', 'b'], logY: false, logX: false }, rows);
    expect(values(lin).map((v) => `${v.line}:${v.x},${v.y}`)).toEqual(['a:0,1', 'a:2,100', 'a:3,1000', 'b:0,0', 'b:1,2', 'b:2,3']);
    const log = vegaLiteSpec({ name: 'f', title: 'f', series: 's', x: 't', y: ['a', 'b'], logY: true, logX: true }, rows);
    expect(values(log).map((v) => `${v.line}:${v.x},${v.y}`)).toEqual(['a:2,100', 'a:3,1000', 'b:1,2', 'b:2,3']);
    // The two finite points at t = 0 are off the log axis, and the figure says so; NaN and blanks are not counted.
    expect((log as { title: { subtitle?: string } }).title.subtitle).toBe('2 points ≤ 0 not drawn on the log axis');
    expect((lin as { title: { subtitle?: string } }).title.subtitle).toBeUndefined();
  });

  it('default figures: the first column of each series against the others', () => {
    expect(defaultFigures({ s: { n: [1], a: [2], b: [3] }, lone: { x: [1] } })).toEqual([{ name: 's', title: 's', series: 's', x: 'n', y: ['a', 'b'] }]);
  });
});

describe('rendering', () => {
  it('a log-log figure draws every point and the least-squares slope of y = 3·x^1.5 and y = x^0.5', async () => {
    const x = [1, 2, 4, 8, 16, 32, 64];
    const rows = seriesRows({ x, steep: x.map((v) => 3 * v ** 1.5), flat: x.map((v) => v ** 0.5) });
    const svg = await renderSvg(vegaLiteSpec({ name: 'p', title: 'Power laws', series: 's', x: 'x', y: ['steep', 'flat'], kind: 'loglog' }, rows));
    expect(svg.startsWith('<svg')).toBe(true);
    expect(marks(svg, 'symbol')).toBe(14);
    expect(svg).toContain('steep: fitted slope 1.500');
    expect(svg).toContain('flat: fitted slope 0.500');
    expect(svg).toContain('>Power laws</text>');
  });

  it('a PNG is a PNG at twice the SVG size', async () => {
    const svg = await renderSvg(vegaLiteSpec({ name: 'l', title: 'Line', series: 's', x: 't', y: 'v' }, seriesRows({ t: [0, 1, 2], v: [3, 1, 2] })));
    const png = svgToPng(svg);
    expect(Array.from(png.slice(0, 8))).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const view = new DataView(png.buffer, png.byteOffset);
    const [w, h] = [/width="([\d.]+)"/, /height="([\d.]+)"/].map((r) => Number((r.exec(svg) as RegExpExecArray)[1]));
    expect(view.getUint32(16)).toBe(Math.round(2 * w)); // IHDR width
    expect(view.getUint32(20)).toBe(Math.round(2 * h));
    expect(marks(svg, 'line')).toBe(1);
    expect(marks(svg, 'symbol')).toBe(3); // a short line shows its points
  });
});

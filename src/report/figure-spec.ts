// A declarative Figure (x against y columns of a table, log axes, power-law fit) as a Vega-Lite spec; data shaped into long form here, drawing left to Vega.
import type { TopLevelSpec } from 'vega-lite';
import type { Figure } from '../claims/claim.js';

export type Cell = number | string | null;
export type Row = Readonly<Record<string, Cell>>;

/** Plot area in pixels (axes, title and legend come on top). */
const WIDTH = 460;
const HEIGHT = 280;
/** Lines with at most this many points also show the points. */
const MAX_MARKED = 40;
export const FONT = 'DejaVu Sans, Arial, Helvetica, sans-serif';

/** Rows of a claim series (column → values; shorter columns leave blanks). */
export function seriesRows(cols: Readonly<Record<string, readonly number[]>>): Row[] {
  const names = Object.keys(cols);
  const len = Math.max(0, ...names.map((n) => cols[n].length));
  return Array.from({ length: len }, (_, r) => Object.fromEntries(names.map((n) => [n, r < cols[n].length ? cols[n][r] : null])));
}

/** Log scale by default when every value is ≥ 0 and the positive ones span at least two decades. */
export function autoLog(values: readonly Cell[]): boolean {
  const nums = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  if (nums.length === 0 || nums.some((v) => v < 0)) return false;
  const pos = nums.filter((v) => v > 0);
  return pos.length >= 2 && Math.max(...pos) / Math.min(...pos) >= 100;
}

/** One figure per series when a claim gives none: the first column against the others. */
export function defaultFigures(series: Readonly<Record<string, Readonly<Record<string, readonly number[]>>>>): Figure[] {
  return Object.entries(series)
    .filter(([, cols]) => Object.keys(cols).length >= 2)
    .map(([name, cols]) => {
      const [x, ...y] = Object.keys(cols);
      return { name, title: name, series: name, x, y };
    });
}

function finite(v: Cell | undefined): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

interface Point {
  readonly x: number;
  readonly y: number;
  readonly line: string | number;
  readonly detail: string;
}

/** Long form: one {x, y, line} per point, non-finite values left out, and values ≤ 0 on a log axis (counted: the figure says so). */
function longForm(f: Figure, rows: readonly Row[], logX: boolean, logY: boolean): { points: Point[]; offLog: number } {
  const ys = typeof f.y === 'string' ? [f.y] : [...f.y];
  let offLog = 0;
  const points = ys.flatMap((y) => rows.flatMap((r) => {
    const [xv, yv] = [r[f.x], r[y]];
    if (!finite(xv) || !finite(yv)) return [];
    if ((logX && xv <= 0) || (logY && yv <= 0)) {
      offLog++;
      return [];
    }
    const line = f.by !== undefined ? (r[f.by] ?? '') : y;
    return [{ x: xv, y: yv, line, detail: `${line}/${r._detail ?? ''}` }];
  }));
  return { points, offLog };
}

/** The Vega-Lite spec of a figure over rows; a `_detail` cell, when present, separates lines that share a colour (e.g. seeds). */
export function vegaLiteSpec(f: Figure, rows: readonly Row[]): TopLevelSpec {
  const ys = typeof f.y === 'string' ? [f.y] : [...f.y];
  const kind = f.kind ?? 'line';
  const logX = f.logX ?? (kind === 'loglog' || autoLog(rows.map((r) => r[f.x])));
  const logY = f.logY ?? (kind === 'loglog' || autoLog(rows.flatMap((r) => ys.map((y) => r[y]))));
  const { points: values, offLog } = longForm(f, rows, logX, logY);
  const lines = new Set(values.map((v) => v.line));
  const numericLines = [...lines].every((l) => typeof l === 'number');
  const legend = lines.size > 1 || f.by !== undefined;
  // Ten or fewer lines get distinct categorical colours; more get an ordered scale.
  const scheme = lines.size <= 10 ? 'tableau10' : 'viridis';
  const color = legend
    ? { color: { field: 'line', type: numericLines ? ('ordinal' as const) : ('nominal' as const), title: f.by ?? 'column', sort: numericLines ? ('ascending' as const) : null, scale: { scheme } } }
    : {};
  // Log axes span the data (a nice log domain can add a decade of empty space); padding keeps edge points whole.
  const scale = (log: boolean) => (log ? { type: 'log' as const, nice: false, padding: 12 } : { zero: false, padding: 12 });
  // Linear axes label in short general format (1e+193, not 1.0000000000000001e+193); log axes keep Vega's decade labels.
  const axis = (log: boolean) => (log ? {} : { axis: { format: '~g' } });
  const x = { field: 'x', type: 'quantitative' as const, title: f.xTitle ?? f.x, scale: scale(logX), ...axis(logX) };
  const y = { field: 'y', type: 'quantitative' as const, title: f.yTitle ?? (ys.length === 1 ? ys[0] : 'value'), scale: scale(logY), ...axis(logY) };
  const perLine = values.length / Math.max(1, lines.size);
  const mark = kind === 'line'
    ? { type: 'line' as const, point: perLine <= MAX_MARKED, clip: true }
    : { type: 'point' as const, filled: true, size: 40, clip: true };
  const layers: Record<string, unknown>[] = [];
  if (kind === 'loglog') {
    const groupby = legend ? ['line'] : [];
    layers.push(
      { transform: [{ regression: 'y', on: 'x', method: 'pow', groupby }], mark: { type: 'line', strokeDash: [6, 4], clip: true }, encoding: { x, y, ...color } },
      {
        transform: [
          { regression: 'y', on: 'x', method: 'pow', groupby, params: true },
          ...(legend ? [{ calculate: 'datum.keys[0]', as: 'line' }] : []), // params output carries the group in `keys`
          { calculate: `${legend ? "datum.line + ': ' + " : ''}'fitted slope ' + format(datum.coef[1], '.3f')`, as: 'label' },
          { window: [{ op: 'row_number', as: 'rank' }] },
          { calculate: '14 * datum.rank - 8', as: 'ty' },
        ],
        mark: { type: 'text', align: 'left', baseline: 'middle', fontSize: 12 },
        encoding: { x: { value: 8 }, y: { field: 'ty', type: 'quantitative', scale: null }, text: { field: 'label', type: 'nominal' }, ...color },
      },
    );
  }
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: {
      text: f.title, fontSize: 14, anchor: 'start',
      ...(offLog > 0 ? { subtitle: `${offLog} point${offLog > 1 ? 's' : ''} ≤ 0 not drawn on the log axis`, subtitleColor: '#5a6478' } : {}),
    },
    width: WIDTH,
    height: HEIGHT,
    background: 'white',
    data: { values },
    layer: [{ mark, encoding: { x, y, ...color, detail: { field: 'detail' } } }, ...layers],
    config: { font: FONT, axis: { labelFontSize: 11, titleFontSize: 12 }, legend: { labelLimit: 220 } },
  } as unknown as TopLevelSpec; // layers are built as plain objects: their exact Vega-Lite types are too deep to spell out here
}

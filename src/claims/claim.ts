// A claim's outcome: tables to print, checks with the measured number and whether it held, and figure-ready series.
import type { Platform } from '../store/run-many.js';

export interface Table {
  readonly title: string;
  readonly columns: readonly string[];
  readonly rows: readonly (readonly (string | number)[])[];
}

export interface Check {
  readonly what: string;
  readonly measured: string;
  readonly holds: boolean;
}

export interface ClaimResult {
  readonly id: string;
  readonly title: string;
  /** What the paper states, in one or two sentences. */
  readonly paper: string;
  readonly tables: readonly Table[];
  readonly checks: readonly Check[];
  /** Figure-ready data: series name → column name → values. */
  readonly series: Readonly<Record<string, Readonly<Record<string, readonly number[]>>>>;
  readonly notes: readonly string[];
  /** Figures drawn from `series` (docs/report.md); without them the report draws one default figure per series. */
  readonly figures?: readonly Figure[];
}

/** A figure drawn from one series: x against one or more y columns, rendered to SVG and PNG by the report. */
export interface Figure {
  /** File-name stem, unique within the claim. */
  readonly name: string;
  readonly title: string;
  /** Key of the series in ClaimResult.series. */
  readonly series: string;
  readonly x: string;
  /** One line per column. */
  readonly y: string | readonly string[];
  /** One line per distinct value of this column instead (y then names one column). */
  readonly by?: string;
  /** 'line' (default) or 'points'; 'loglog' is points on log-log axes with the least-squares power law y = a·x^s and its slope. */
  readonly kind?: 'line' | 'points' | 'loglog';
  /** Log axes; default: log where all values are ≥ 0 and the positive ones span at least two decades (zeros are then left out). */
  readonly logX?: boolean;
  readonly logY?: boolean;
  readonly xTitle?: string;
  readonly yTitle?: string;
}

export interface ClaimOptions {
  readonly quick: boolean;
  /** Where runMany computes and stores the claim's runs (worker pool, result store); absent: this thread, nothing stored. */
  readonly platform?: Platform;
  /** Iterations per run for the claims with budgets (C5, C6, C7: every run, the continued best runs included); absent: the claim's own. */
  readonly budget?: number;
}

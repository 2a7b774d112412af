// A claim's outcome: tables to print, checks with the measured number and whether it held, and figure-ready series.
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
}

export interface ClaimOptions {
  readonly quick: boolean;
}

// A trajectory: metrics of w_t (loss, accuracy, #misclassified, ‖∇f‖, margin, ‖w‖) at the recorded iterations t, optionally w_t itself.
export const TRAJECTORY_COLUMNS = ['iter', 'loss', 'accuracy', 'misclassified', 'gradNorm', 'margin', 'minMargin', 'wNorm'] as const;
export type TrajectoryColumn = (typeof TRAJECTORY_COLUMNS)[number];

export interface Trajectory {
  /** The standard columns, then any extra metrics the run asked for (e.g. sharpness, λ_min(G)), by name. */
  readonly columns: Record<TrajectoryColumn, number[]> & Record<string, number[]>;
  /** w_t at the recorded iterations, when weights are recorded. */
  readonly weights: Float64Array[];
}

export function emptyTrajectory(extra: readonly string[] = []): Trajectory {
  const columns = Object.fromEntries([...TRAJECTORY_COLUMNS, ...extra].map((c) => [c, [] as number[]])) as Trajectory['columns'];
  return { columns, weights: [] };
}

export function trajectoryLength(tr: Trajectory): number {
  return tr.columns.iter.length;
}

/** The row recorded at iteration t, if any. */
export function rowAt(tr: Trajectory, t: number): Record<string, number> | undefined {
  const k = tr.columns.iter.indexOf(t);
  if (k < 0) return undefined;
  return Object.fromEntries(Object.entries(tr.columns).map(([c, v]) => [c, v[k]]));
}

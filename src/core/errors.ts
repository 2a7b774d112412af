// User-facing errors: one line that names the field or file and the offending value (exit code 2 at the CLI).
export class GdlabError extends Error {
  override readonly name = 'GdlabError';
  constructor(message: string) {
    super(message);
  }
}

/** Shortest faithful rendering of a value for an error line. */
export function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') return Number.isNaN(value) ? 'NaN' : String(value);
  if (value === undefined) return 'undefined';
  try {
    const s = JSON.stringify(value);
    return s.length > 80 ? s.slice(0, 77) + '...' : s;
  } catch {
    return String(value);
  }
}

/** `field: why (got value)` */
export function fieldError(field: string, value: unknown, why: string): GdlabError {
  return new GdlabError(`${field}: ${why} (got ${show(value)})`);
}

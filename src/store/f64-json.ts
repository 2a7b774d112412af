// JSON that keeps every float64: NaN, Infinity and −Infinity are written {"$f64":"nan"|"inf"|"-inf"} (plain JSON would turn them into null).
const NAMES = new Map<number, string>([[Infinity, 'inf'], [-Infinity, '-inf']]);
const VALUES: Record<string, number> = { nan: NaN, inf: Infinity, '-inf': -Infinity };

export function toF64Json(value: unknown, space?: number): string {
  return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? { $f64: Number.isNaN(v) ? 'nan' : NAMES.get(v) } : v), space);
}

export function fromF64Json(text: string): unknown {
  return JSON.parse(text, (_k, v: unknown) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
    const keys = Object.keys(v);
    const tag = (v as { $f64?: unknown }).$f64;
    return keys.length === 1 && typeof tag === 'string' && Object.hasOwn(VALUES, tag) ? VALUES[tag] : v;
  });
}

// Run filters `field op value` (op: = != < <= > >=) turned into SQL over the runs table: columns by name, spec fields and final.* values through json_extract.
import { GdlabError, show } from '../core/errors.js';
import type { ParamValue } from '../run/sweep-grid.js';

export type Op = '=' | '!=' | '<' | '<=' | '>' | '>=';

export interface Condition {
  readonly field: string;
  readonly op: Op;
  readonly value: ParamValue;
}

/** Columns of the runs table a filter may name directly; `state` of a sweep entry that never started is 'pending'. */
const COLUMNS: Record<string, string> = {
  key: 'r.key',
  name: 'r.name',
  state: "COALESCE(r.state, 'pending')",
  status: 'r.status',
  iterations: 'r.iterations',
  seconds: 'r.seconds',
  attempts: 'r.attempts',
  gdlab: 'r.gdlab',
};

export function parseCondition(text: string): Condition {
  const m = /^\s*([A-Za-z0-9_.-]+)\s*(<=|>=|!=|=|<|>)\s*(.*?)\s*$/.exec(text);
  if (m === null) throw new GdlabError(`--where: must be field=value, field<value, … e.g. algorithm.step>=0.1 (got ${show(text)})`);
  const [, field, op, raw] = m;
  const num = raw.trim() === '' ? NaN : Number(raw);
  const value = raw === 'true' ? true : raw === 'false' ? false : Number.isFinite(num) ? num : raw;
  if (op !== '=' && op !== '!=' && typeof value !== 'number') throw new GdlabError(`--where: ${op} needs a number (got ${show(text)})`);
  return { field, op: op as Op, value };
}

/** SQL for one condition (the JSON path is a bound parameter, so field names never reach the SQL text). */
export function conditionSql(c: Condition): { readonly sql: string; readonly params: readonly (string | number)[] } {
  const value = typeof c.value === 'boolean' ? Number(c.value) : c.value; // json_extract gives 1/0 for true/false
  if (Object.hasOwn(COLUMNS, c.field)) return { sql: `${COLUMNS[c.field]} ${c.op} ?`, params: [value] };
  const [column, path] = c.field.startsWith('final.') ? ['r.final', c.field.slice('final.'.length)] : ['r.fields', c.field];
  return { sql: `json_extract(${column}, ?) ${c.op} ?`, params: [`$."${path}"`, value] };
}

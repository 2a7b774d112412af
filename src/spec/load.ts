// Read a spec file (YAML, of which JSON is a subset) into a plain value; a malformed file is one error line with its position.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { GdlabError } from '../core/errors.js';

export function readSpecFile(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new GdlabError(`${file}: cannot read the spec file (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
  return parseSpecText(text, file);
}

export function parseSpecText(text: string, file: string): unknown {
  try {
    return parse(text, { prettyErrors: true, uniqueKeys: true });
  } catch (e) {
    const err = e as { message?: string; linePos?: { line: number; col: number }[] };
    const pos = err.linePos?.[0];
    const where = pos ? `${file}:${pos.line}:${pos.col}` : file;
    const msg = (err.message ?? String(e)).split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
    throw new GdlabError(`${where}: malformed spec (${msg})`);
  }
}

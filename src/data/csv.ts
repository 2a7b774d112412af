// A user's CSV data set: one sample per row, the d features then a ±1 label; an optional header line; '#' starts a comment line.
import { readFileSync } from 'node:fs';
import { GdlabError, show } from '../core/errors.js';
import type { Dataset } from './dataset.js';
import { labelled } from './synthetic/labelled.js';

export function parseCsvDataset(text: string, file: string): Dataset {
  const lines = text.split(/\r?\n/);
  const values: number[] = [];
  const labels: number[] = [];
  let width = -1;
  let sawData = false;
  for (let ln = 0; ln < lines.length; ln++) {
    const line = lines[ln].trim();
    if (line === '' || line.startsWith('#')) continue;
    const cells = line.split(',').map((c) => c.trim());
    const nums = cells.map(Number);
    const where = `${file}:${ln + 1}`;
    if (!sawData && cells.some((c) => c === '' || Number.isNaN(Number(c))) && cells.every((c) => /[A-Za-z_]/.test(c))) {
      sawData = true; // a header line of names
      continue;
    }
    sawData = true;
    if (cells.length < 2) throw new GdlabError(`${where}: a row needs at least one feature and a label (got ${show(line)})`);
    if (width < 0) width = cells.length;
    else if (cells.length !== width) throw new GdlabError(`${where}: ${cells.length} columns where earlier rows have ${width}`);
    for (let c = 0; c < cells.length; c++) {
      if (cells[c] === '' || !Number.isFinite(nums[c])) {
        throw new GdlabError(`${where}: column ${c + 1} is not a finite number (got ${show(cells[c])})`);
      }
    }
    const label = nums[cells.length - 1];
    if (label !== 1 && label !== -1) throw new GdlabError(`${where}: the label (last column) must be 1 or -1 (got ${show(cells[cells.length - 1])})`);
    for (let c = 0; c < cells.length - 1; c++) values.push(nums[c]);
    labels.push(label);
  }
  if (labels.length === 0) throw new GdlabError(`${file}: no data rows`);
  return labelled(`csv:${file}`, Float64Array.from(values), labels, width - 1);
}

export function readCsvDataset(file: string): Dataset {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new GdlabError(`${file}: cannot read the CSV data file (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
  return parseCsvDataset(text, file);
}

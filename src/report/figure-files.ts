// Render figures once to SVG and PNG files under REPORT/figures/<page>/ and keep the SVG text for inlining into the page.
import { join } from 'node:path';
import type { Figure } from '../claims/claim.js';
import { writeFileAtomic } from '../store/atomic.js';
import { type Row, vegaLiteSpec } from './figure-spec.js';
import type { RenderedFigure } from './html.js';
import { renderSvg, svgToPng } from './render-figure.js';

export interface FigureData {
  readonly figure: Figure;
  readonly rows: readonly Row[];
}

export function fileStem(name: string): string {
  return name.replace(/[^A-Za-z0-9_.-]+/g, '-').replace(/^[.-]+/, '') || 'figure';
}

export async function renderFigures(items: readonly FigureData[], reportDir: string, page: string): Promise<RenderedFigure[]> {
  const rel = `figures/${fileStem(page)}`;
  const used = new Set<string>();
  const out: RenderedFigure[] = [];
  for (const { figure, rows } of items) {
    let stem = fileStem(figure.name);
    for (let i = 2; used.has(stem); i++) stem = `${fileStem(figure.name)}-${i}`;
    used.add(stem);
    const svg = await renderSvg(vegaLiteSpec(figure, rows));
    writeFileAtomic(join(reportDir, rel, `${stem}.svg`), svg);
    writeFileAtomic(join(reportDir, rel, `${stem}.png`), svgToPng(svg));
    out.push({ name: stem, title: figure.title, svg, svgFile: `${rel}/${stem}.svg`, pngFile: `${rel}/${stem}.png` });
  }
  return out;
}

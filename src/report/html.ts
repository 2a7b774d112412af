// HTML building blocks for the report: escaping, a self-contained page (inline CSS, no scripts), tables and figures (SVG inlined as data: images).
import { cell } from './text-table.js';

export function esc(s: string | number | boolean): string {
  return String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const CSS = `
body { font-family: "DejaVu Sans", Arial, Helvetica, sans-serif; color: #1d2433; margin: 0 auto; max-width: 1180px; padding: 24px 32px 64px; line-height: 1.45; }
h1 { font-size: 1.6em; margin: 0 0 6px; } h2 { font-size: 1.2em; margin: 32px 0 10px; border-bottom: 1px solid #d5dae3; padding-bottom: 4px; }
.meta { color: #5a6478; font-size: 0.9em; margin: 0; }
.verdict { display: inline-block; padding: 3px 10px; border-radius: 4px; font-weight: bold; margin: 10px 0; }
.ok { background: #e3f4e6; color: #1f6b2c; } .fail { background: #fbe4e4; color: #9b1c1c; }
table { border-collapse: collapse; margin: 8px 0 16px; font-size: 0.88em; }
th, td { border: 1px solid #d5dae3; padding: 3px 8px; text-align: right; vertical-align: top; }
th { background: #f2f4f8; } td.text, th.text { text-align: left; }
caption { caption-side: top; text-align: left; font-weight: bold; padding: 4px 0; }
blockquote { margin: 8px 0; padding: 8px 14px; background: #f7f8fb; border-left: 4px solid #8a96b0; }
.figures { display: grid; grid-template-columns: repeat(auto-fill, minmax(540px, 1fr)); gap: 8px 24px; }
figure { margin: 12px 0 24px; } figure img { max-width: 100%; height: auto; border: 1px solid #e3e6ec; }
figcaption { font-size: 0.85em; color: #5a6478; }
pre { background: #f7f8fb; padding: 10px; overflow-x: auto; font-size: 0.82em; }
a { color: #2456b3; }
`;

export function page(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<link rel="icon" href="data:,">
<style>${CSS}</style>
</head>
<body>
${body}
</body>
</html>
`;
}

export type HtmlCell = string | number | { readonly html: string };

function td(v: HtmlCell, tag: 'td' | 'th'): string {
  if (typeof v === 'object') return `<${tag} class="text">${v.html}</${tag}>`;
  return typeof v === 'number' ? `<${tag}>${esc(cell(v))}</${tag}>` : `<${tag} class="text">${esc(v)}</${tag}>`;
}

export function table(columns: readonly string[], rows: readonly (readonly HtmlCell[])[], caption?: string): string {
  const head = `<tr>${columns.map((c) => td(c, 'th')).join('')}</tr>`;
  const body = rows.map((r) => `<tr>${r.map((v) => td(v, 'td')).join('')}</tr>`).join('\n');
  return `<table>${caption !== undefined ? `<caption>${esc(caption)}</caption>` : ''}\n${head}\n${body}\n</table>`;
}

export interface RenderedFigure {
  readonly name: string;
  readonly title: string;
  readonly svg: string;
  /** Paths of the SVG and PNG files, relative to the page. */
  readonly svgFile: string;
  readonly pngFile: string;
}

/** The SVG goes in as a data: image so every figure is its own document (Vega's clip-path ids would clash inline). */
export function figure(f: RenderedFigure): string {
  const size = /<svg[^>]*\swidth="([\d.]+)"[^>]*\sheight="([\d.]+)"/.exec(f.svg);
  const dims = size ? ` width="${size[1]}" height="${size[2]}"` : '';
  const src = `data:image/svg+xml;base64,${Buffer.from(f.svg).toString('base64')}`;
  return `<figure id="figure-${esc(f.name)}"><img alt="${esc(f.title)}"${dims} src="${src}">
<figcaption>${esc(f.title)} — <a href="${esc(f.svgFile)}">SVG</a> · <a href="${esc(f.pngFile)}">PNG</a></figcaption></figure>`;
}

export function figureGrid(figures: readonly RenderedFigure[]): string {
  return `<div class="figures">\n${figures.map(figure).join('\n')}\n</div>`;
}

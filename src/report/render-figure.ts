// Figures rendered without a browser: Vega-Lite → Vega → SVG (vega's headless View), SVG → PNG (resvg, fonts from the system: DejaVu Sans on Debian).
import { Resvg } from '@resvg/resvg-js';
import { View, parse } from 'vega';
import { type TopLevelSpec, compile } from 'vega-lite';

/** Vega-Lite warnings (e.g. dropped invalid values) are expected for sparse data; errors still throw. */
const quiet = { level: () => quiet, error: (...a: readonly unknown[]) => { throw new Error(`vega-lite: ${a.join(' ')}`); }, warn: () => quiet, info: () => quiet, debug: () => quiet };

export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const view = new View(parse(compile(spec, { logger: quiet }).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** PNG at `scale` × the SVG's size on a white background. */
export function svgToPng(svg: string, scale = 2): Uint8Array {
  const r = new Resvg(svg, { background: 'white', fitTo: { mode: 'zoom', value: scale }, font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' } });
  return r.render().asPng();
}

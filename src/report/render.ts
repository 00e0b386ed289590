/**
 * Rendering charts without a browser: Vega-Lite → Vega → SVG, and SVG → PNG through resvg with the bundled
 * DejaVu Sans font (resvg silently drops text when it finds no font).
 *
 * @module
 */
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { checkOptions, DibsimError, describeValue, messageOf } from '../errors.js';
import { CHART_FONT } from './chart-style.js';
import type { ChartSpec } from './types.js';

/**
 * The bundled fonts, resolved relative to this module: `src/report/` and `dist/report/` are both two
 * levels below the package root, where `assets/fonts/` is shipped.
 */
export const FONT_FILES: readonly string[] = ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'].map((file) =>
  fileURLToPath(new URL(`../../assets/fonts/${file}`, import.meta.url)),
);

/**
 * A chart as an SVG document, rendered headless (Vega's `renderer: 'none'`; no canvas or browser needed).
 * Vega and Vega-Lite are loaded on first use, so importing dibsim stays cheap.
 *
 * @throws {@link DibsimError} `INVALID_ARGUMENT` naming the chart when Vega-Lite rejects the spec.
 * @example
 * for (const chart of chartSpecs(input)) writeFileSync(`${chart.name}.svg`, await renderSvg(chart));
 */
export async function renderSvg(spec: ChartSpec): Promise<string> {
  if (typeof (spec as Partial<ChartSpec> | null)?.spec !== 'object' || spec.spec === null) {
    throw new DibsimError(
      'INVALID_ARGUMENT',
      `renderSvg: spec must be a chart from chartSpecs(input) (got ${describeValue(spec)}).`,
    );
  }
  const [vegaLite, vega] = await Promise.all([import('vega-lite'), import('vega')]);
  let view: InstanceType<typeof vega.View> | undefined;
  try {
    // The spec is plain JSON by contract; Vega-Lite validates it as it compiles.
    const compiled = vegaLite.compile(spec.spec as unknown as Parameters<typeof vegaLite.compile>[0]).spec;
    view = new vega.View(vega.parse(compiled), { renderer: 'none' });
    return await view.toSVG();
  } catch (error) {
    throw new DibsimError(
      'INVALID_ARGUMENT',
      `renderSvg: chart ${JSON.stringify(spec.name)} could not be rendered (${messageOf(error)}). Check its Vega-Lite spec.`,
      { cause: error },
    );
  } finally {
    view?.finalize();
  }
}

/**
 * Largest width or height of a PNG from {@link svgToPng}, in pixels. Rendering holds the image's RGBA pixels
 * (4 bytes each) in memory twice, so 10,000 × 10,000 px already takes about 800 MB; a width of 100,000 asked
 * for tens of gigabytes and got the process killed. 10,000 px is five times a 4K screen and 85 cm at 300 dpi.
 */
const MAX_PNG_SIDE = 10_000;

/** Options of {@link svgToPng}. */
export interface PngOptions {
  /**
   * Width of the PNG in pixels, at most 10,000 (the height keeps the aspect ratio and must not exceed 10,000
   * either: the pixels are held in memory). @defaultValue twice the SVG's width
   */
  readonly width?: number | undefined;
  /**
   * Font files to render text with. @defaultValue the bundled DejaVu Sans (regular and bold). With `[]`
   * text disappears: only useful to test that a check catches missing text.
   */
  readonly fontFiles?: readonly string[] | undefined;
}

/**
 * An SVG document as a PNG image, rendered by resvg with the bundled DejaVu Sans (system fonts are not
 * loaded, so the output is the same on every machine).
 *
 * @throws {@link DibsimError} `INVALID_ARGUMENT` for options that are not an object `{ width, fontFiles }`, a
 *   width that is not a positive integer, a PNG wider or taller than 10,000 pixels, or an SVG resvg cannot
 *   parse.
 * @example
 * writeFileSync('kpis.png', svgToPng(await renderSvg(spec)));
 */
export function svgToPng(svg: string, options: PngOptions = {}): Uint8Array {
  return renderPng(svg, options).png;
}

type ResvgModule = typeof import('@resvg/resvg-js');
let resvgModule: ResvgModule | undefined;

/** resvg's native binding, loaded on first use (it is CommonJS, and loading it costs time). */
function loadResvg(): ResvgModule {
  resvgModule ??= createRequire(import.meta.url)('@resvg/resvg-js') as ResvgModule;
  return resvgModule;
}

/** A rendered PNG with its raw RGBA pixels, for checks that text was drawn. @internal */
export interface RenderedPng {
  /** The PNG file. */
  readonly png: Uint8Array;
  /** Width, pixels. */
  readonly width: number;
  /** Height, pixels. */
  readonly height: number;
  /** RGBA bytes, row by row. */
  readonly pixels: Uint8Array;
}

/** {@link svgToPng} with the raw pixels as well. @internal */
export function renderPng(svg: string, options: PngOptions = {}): RenderedPng {
  checkOptions(options, ['width', 'fontFiles'], 'svgToPng(svg, options)');
  const { width } = options;
  if (width !== undefined && !(Number.isInteger(width) && width > 0 && width <= MAX_PNG_SIDE)) {
    throw new DibsimError(
      'INVALID_ARGUMENT',
      `svgToPng: width must be a positive whole number of pixels up to ${MAX_PNG_SIDE} (got ${describeValue(width)}). Omit it for twice the SVG's width.`,
    );
  }
  const resvg = loadResvg();
  let r: InstanceType<typeof resvg.Resvg>;
  try {
    r = new resvg.Resvg(svg, {
      font: {
        fontFiles: [...(options.fontFiles ?? FONT_FILES)],
        loadSystemFonts: false,
        defaultFontFamily: CHART_FONT,
        sansSerifFamily: CHART_FONT,
      },
      background: 'white',
      fitTo: width === undefined ? { mode: 'zoom', value: 2 } : { mode: 'width', value: width },
    });
  } catch (error) {
    throw couldNotRender(error);
  }
  // The size of the PNG, from the SVG's (r.width and r.height), checked before any pixel is allocated.
  const scale = width === undefined ? 2 : width / r.width;
  const [pngWidth, pngHeight] = [Math.ceil(r.width * scale), Math.ceil(r.height * scale)];
  if (!(pngWidth <= MAX_PNG_SIDE && pngHeight <= MAX_PNG_SIDE)) {
    throw new DibsimError(
      'INVALID_ARGUMENT',
      `svgToPng: the PNG must be at most ${MAX_PNG_SIDE} pixels wide and high (got ${pngWidth} × ${pngHeight} from an SVG of ${r.width} × ${r.height}). Pass a smaller width.`,
    );
  }
  let rendered: ReturnType<typeof r.render>;
  try {
    rendered = r.render();
  } catch (error) {
    throw couldNotRender(error);
  }
  return {
    png: new Uint8Array(rendered.asPng()),
    width: rendered.width,
    height: rendered.height,
    pixels: new Uint8Array(rendered.pixels),
  };
}

function couldNotRender(error: unknown): DibsimError {
  return new DibsimError(
    'INVALID_ARGUMENT',
    `svgToPng: the SVG could not be rendered (${messageOf(error)}). Pass an SVG document such as renderSvg returns.`,
    { cause: error },
  );
}

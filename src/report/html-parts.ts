/**
 * Building blocks of the HTML report: escaping, number formatting, tables and inline SVG.
 *
 * @module
 */
import type { Table, TableCell } from './types.js';

/** Text safe inside HTML elements and quoted attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const GROUPED = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const SIGNIFICANT = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 4 });

/** A number for people: thousands separators, four significant digits below 1,000; `—` when undefined. */
export function formatNumber(x: number | null | undefined): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '—';
  return Math.abs(x) >= 1000 ? GROUPED.format(x) : SIGNIFICANT.format(x);
}

/** A value in a unit for people: shares as percentages, EUR in millions, others as {@link formatNumber}. */
export function formatIn(x: number | null | undefined, unit: string): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '—';
  if (unit === 'share') return `${percentOf(x)} %`;
  if (unit === 'EUR') return formatNumber(x / 1e6);
  return formatNumber(x);
}

/**
 * A difference of two values in `unit`, as {@link formatIn} shows them, except that a difference of shares
 * is in percentage points: the number without its `%` sign (its unit is `differenceUnit(shownUnit(unit))`).
 */
export function formatDifferenceIn(x: number | null | undefined, unit: string): string {
  return unit === 'share' && x !== null && x !== undefined && Number.isFinite(x)
    ? percentOf(x)
    : formatIn(x, unit);
}

/**
 * A share as a number of percent (or a difference of shares in points), two decimals: as the console shows
 * the fill rate, whose means and differences (99.96 %, +0.39 points) one decimal would blur.
 */
function percentOf(x: number): string {
  // Adding 0 after rounding turns -0.00 into 0.00.
  return (Number((x * 100).toFixed(2)) + 0).toFixed(2);
}

/** The unit as shown next to {@link formatIn}'s numbers. */
export function shownUnit(unit: string): string {
  return unit === 'share' ? '%' : unit === 'EUR' ? 'million EUR' : unit;
}

/** A cell as text: numbers through {@link formatNumber}, `null` as `—`. */
function cellText(cell: TableCell): string {
  return typeof cell === 'number' || cell === null ? formatNumber(cell) : cell;
}

/** An HTML table from header cells and rows of already escaped HTML; numeric columns right-aligned. */
export function htmlTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  numeric?: readonly boolean[],
): string {
  const cls = (i: number) => (numeric?.[i] === true ? ' class="num"' : '');
  const head = `<tr>${header.map((h, i) => `<th${cls(i)}>${escapeHtml(h)}</th>`).join('')}</tr>`;
  const body = rows.map((r) => `<tr>${r.map((c, i) => `<td${cls(i)}>${c}</td>`).join('')}</tr>`).join('\n');
  return `<div class="scroll"><table>\n<thead>${head}</thead>\n<tbody>\n${body}\n</tbody></table></div>`;
}

/** A {@link Table} as HTML, numbers formatted for reading (the CSV keeps full precision). */
export function tableHtml(table: Table): string {
  const numeric = table.columns.map((_, i) => table.rows.some((r) => typeof r[i] === 'number'));
  const rows = table.rows.map((r) => r.map((c) => escapeHtml(cellText(c))));
  return htmlTable(table.columns, rows, numeric);
}

/**
 * An SVG document ready to inline: the XML prolog dropped, its ids (Vega's clip paths) prefixed so that
 * several charts on one page do not resolve each other's `url(#…)` references.
 */
export function inlineSvg(svg: string, prefix: string): string {
  const ids = new Set([...svg.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]!));
  let out = svg.replace(/^<\?xml[^>]*>\s*/, '');
  if (ids.size > 0) {
    out = out
      .replace(/(\sid=")([^"]+)"/g, (_m, a: string, id: string) => `${a}${prefix}-${id}"`)
      .replace(/url\(#([^)]+)\)/g, (m, id: string) => (ids.has(id) ? `url(#${prefix}-${id})` : m))
      .replace(/(href=")#([^"]+)"/g, (m, a: string, id: string) =>
        ids.has(id) ? `${a}#${prefix}-${id}"` : m,
      );
  }
  return out;
}

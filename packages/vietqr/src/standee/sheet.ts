/**
 * A whole market's standees as one printable HTML document, one A6 page per stall. One file is
 * easier to send to a print shop or print from a phone than dozens of SVGs, and CSS paged media
 * (`@page`, `break-after`) gives exact A6 pages in every current browser.
 */

import { escapeXml } from '../xml.ts';
import { type StandeeInput, stallStandeeSvg } from './standee.ts';

export function marketSheetHtml(title: string, stalls: readonly StandeeInput[]): string {
  return standeeSheetHtml(title, stalls.map(stallStandeeSvg));
}

/** The same document from standees already drawn (SVG documents, e.g. as the platform's API serves them). */
export function standeeSheetHtml(title: string, svgs: readonly string[]): string {
  const pages = svgs.map((svg) => `<section class="page">\n${svg}\n</section>`);
  return [
    '<!doctype html>',
    '<html lang="vi">',
    '<head>',
    '<meta charset="utf-8">',
    `<title>${escapeXml(title)}</title>`,
    '<style>',
    '@page { size: 105mm 148mm; margin: 0; }',
    'html, body { margin: 0; padding: 0; }',
    '.page { width: 105mm; height: 148mm; overflow: hidden; break-after: page; page-break-after: always; }',
    '.page:last-child { break-after: auto; page-break-after: auto; }',
    '.page svg { display: block; width: 105mm; height: 148mm; }',
    '</style>',
    '</head>',
    '<body>',
    ...pages,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/** The same pages as separate SVG documents, for tools that want one file per stall. */
export function marketSheetSvgs(stalls: readonly StandeeInput[]): string[] {
  return stalls.map(stallStandeeSvg);
}

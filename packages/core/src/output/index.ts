// One safe serializer per output kind (issue 15 item 2): see each file. HTML and <meta> written by the
// storefront's Astro templates are escaped by Astro itself; hand-built HTML or SVG uses xmlText.
export * from './csv.ts';
export * from './json-script.ts';
export * from './pdf.ts';
export * from './qr.ts';
export * from './text.ts';
export * from './xml.ts';

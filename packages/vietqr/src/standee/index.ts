/** `@chophien/vietqr/standee`: stall standees and the stall check code. */

export { escapeXml } from '../xml.ts';
export { normalizeCheckCode, stallCheckCode, verifyStallCheckCode } from './check-code.ts';
export { marketSheetHtml, marketSheetSvgs, standeeSheetHtml } from './sheet.ts';
export { maskAccount, type StandeeInput, stallPayload, stallStandeeSvg } from './standee.ts';

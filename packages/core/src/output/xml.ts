import { escapeXml } from '@chophien/vietqr/standee';
import { cleanText } from './text.ts';

/** Text for XML/SVG (and HTML built by hand) content or a quoted attribute: cleaned, then escaped. */
export const xmlText = (text: string): string => escapeXml(cleanText(text));

import type { Lang } from './i18n/index.ts';

declare global {
  namespace App {
    interface Locals {
      /** Language of this request, from the URL: "/en/…" is English, everything else Vietnamese. */
      lang: Lang;
      /** The request path without the language prefix ("/en/san-pham/x" → "/san-pham/x"). */
      path: string;
    }
  }
}

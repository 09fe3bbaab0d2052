/** The one phone-number rule lives in core (text/phone.ts); sign-in and checkout both use it. */
export { displayVietnamPhone as displayPhone, toE164Vietnam } from '@chophien/core';

// The one phone rule lives in core (identity/phone.ts): sign-in, checkout, the console and the import.
export { displayPhone, toE164Vietnam } from '@chophien/core';

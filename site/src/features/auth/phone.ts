// The phone rule lives in core (the console and the import read numbers the same way).
export { displayPhone, toE164Vietnam } from '@chophien/core';

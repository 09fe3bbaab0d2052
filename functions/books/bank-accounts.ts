import { BANK_ACCOUNT_FORM, bankAccountForm, yearQuerySchema } from '@chophien/core';
import { createHandler } from '@chophien/http';
import { route } from '../routes.ts';
import { booksServices } from './services.ts';

export const handler = createHandler(route('GET /books/bank-accounts'), {
  query: yearQuerySchema,
  handle: async ({ actor, query }) => ({
    form: BANK_ACCOUNT_FORM,
    ...(await bankAccountForm(booksServices(), actor, query)),
  }),
});

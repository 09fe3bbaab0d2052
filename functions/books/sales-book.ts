import { salesBook, salesBookQuerySchema } from '@chophien/core';
import { createHandler } from '@chophien/http';
import * as z from 'zod';
import { route } from '../routes.ts';
import { download, XLSX } from './file-reply.ts';
import { booksServices } from './services.ts';

export const handler = createHandler(route('GET /books/sales'), {
  query: salesBookQuerySchema.extend({ format: z.enum(['json', 'xlsx', 'pdf']).default('json') }),
  handle: async ({ actor, query }) => {
    const { format, ...rest } = query;
    const book = await salesBook(booksServices(), actor, rest);
    const name = `so-${book.form.code}-${book.period.key}`;
    // The writers load exceljs / pdf-lib only when a file is asked for.
    if (format === 'xlsx') {
      const { salesBookXlsx } = await import('@chophien/core/books/xlsx');
      return download(await salesBookXlsx(book), XLSX, `${name}.xlsx`);
    }
    if (format === 'pdf') {
      const { salesBookPdf } = await import('@chophien/core/books/pdf');
      return download(await salesBookPdf(book), 'application/pdf', `${name}.pdf`);
    }
    return book;
  },
});

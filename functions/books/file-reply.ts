import { reply } from '@chophien/http';

/** A download: the browser saves it under `name` (ASCII: the form code and the period). */
export const download = (bytes: Uint8Array, contentType: string, name: string) =>
  reply.binary(bytes, contentType, {
    'content-disposition': `attachment; filename="${name}"`,
    'cache-control': 'private, no-store',
  });

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

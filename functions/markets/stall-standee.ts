import { activeAccountOfStall, loadStallFor } from '@chophien/core';
import { createHandler, reply } from '@chophien/http';
import { stallCheckCode, stallStandeeSvg } from '@chophien/vietqr/standee';
import * as z from 'zod';
import { route } from '../routes.ts';
import { marketsServices } from './services.ts';

export const handler = createHandler(route('GET /stalls/{stallId}/standee'), {
  path: z.object({ stallId: z.string().min(1).max(40) }),
  handle: async ({ actor, path }) => {
    const { store, config } = marketsServices();
    if (!config.stallCodeSecret) throw new Error('STALL_CODE_SECRET is not configured');
    const { stall, market } = await loadStallFor(store, actor, path.stallId);
    const account = await activeAccountOfStall(store, stall);
    const svg = stallStandeeSvg({
      marketName: market.name,
      stallNumber: stall.number,
      stallCode: stall.code,
      vendorName: stall.vendorName,
      bin: account.bin,
      accountNumber: account.accountNumber,
      checkCode: stallCheckCode(config.stallCodeSecret, stall.code, account.accountNumber),
    });
    return reply.text(svg, 'image/svg+xml; charset=utf-8');
  },
});

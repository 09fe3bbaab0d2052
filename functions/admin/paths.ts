import * as z from 'zod';

export const marketPath = z.object({ marketId: z.string().min(1).max(40) });
export const personPath = z.object({ userId: z.string().min(1).max(60) });

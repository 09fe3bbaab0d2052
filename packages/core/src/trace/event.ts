import * as z from 'zod';
import { bilingual } from '../errors/zod-issues.ts';

export const traceEventTypes = [
  'input',
  'harvesting',
  'cooling',
  'packing',
  'shipping',
  'receiving',
] as const;
export type TraceEventType = (typeof traceEventTypes)[number];

const when = z.iso.datetime({ offset: true }).transform((value) => new Date(value).toISOString());
const place = z.string().trim().min(2).max(160);

const inputEvent = z.object({
  type: z.literal('input'),
  time: when,
  input: z.object({
    kind: z.enum(['fertiliser', 'pesticide']),
    name: z.string().trim().min(2).max(120),
    dose: z.string().trim().max(60).optional(),
    /** Days after spraying before a harvest is safe (thời gian cách ly); pesticides need it. */
    preHarvestIntervalDays: z.number().int().min(0).max(365).optional(),
  }),
  note: z.string().trim().max(500).optional(),
});

const harvesting = z.object({
  type: z.literal('harvesting'),
  time: when,
  quantity: z.number().positive(),
  unit: z.string().trim().min(1).max(10),
  note: z.string().trim().max(500).optional(),
});
const cooling = z.object({
  type: z.literal('cooling'),
  time: when,
  temperatureC: z.number().min(-30).max(30).optional(),
  location: place.optional(),
  note: z.string().trim().max(500).optional(),
});
const packing = z.object({
  type: z.literal('packing'),
  time: when,
  quantity: z.number().positive(),
  unit: z.string().trim().min(1).max(10),
  location: place.optional(),
  note: z.string().trim().max(500).optional(),
});
const shipping = z.object({
  type: z.literal('shipping'),
  time: when,
  to: place,
  note: z.string().trim().max(500).optional(),
});
const receiving = z.object({
  type: z.literal('receiving'),
  time: when,
  by: place,
  note: z.string().trim().max(500).optional(),
});

export const recordEventInputSchema = z
  .discriminatedUnion('type', [inputEvent, harvesting, cooling, packing, shipping, receiving])
  .superRefine((event, ctx) => {
    if (
      event.type === 'input' &&
      event.input.kind === 'pesticide' &&
      event.input.preHarvestIntervalDays === undefined
    )
      ctx.addIssue({
        code: 'custom',
        path: ['input', 'preHarvestIntervalDays'],
        message: bilingual(
          'Thuốc bảo vệ thực vật cần thời gian cách ly (ngày).',
          'A pesticide needs its pre-harvest interval (days).',
        ),
      });
  });
export type RecordEventInput = z.input<typeof recordEventInputSchema>;
export type TraceEventData = z.output<typeof recordEventInputSchema>;

export type TraceEvent = TraceEventData & {
  readonly id: string;
  readonly lotId: string;
  readonly recordedAt: string;
  readonly recordedBy: string;
  readonly onBehalfBy?: string;
  /**
   * The EPCIS eventID issued when the event was recorded (CBV 2.0 Event Hash ID). Events recorded before it
   * existed have none and keep their earlier ID (docs/decisions/0203-epcis-event-hash-id.md).
   */
  readonly epcisEventId?: string;
};

export const traceEventLabels: Record<TraceEventType, { vi: string; en: string }> = {
  input: { vi: 'Bón phân / phun thuốc', en: 'Input applied' },
  harvesting: { vi: 'Thu hoạch', en: 'Harvested' },
  cooling: { vi: 'Làm mát', en: 'Cooled' },
  packing: { vi: 'Đóng gói', en: 'Packed' },
  shipping: { vi: 'Vận chuyển đi', en: 'Shipped' },
  receiving: { vi: 'Nhận hàng', en: 'Received' },
};

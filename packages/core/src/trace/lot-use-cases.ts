import { ulid } from 'ulid';
import { lotGtinRefusal } from '../catalog/gtin-ownership.ts';
import { conflict, DomainError, notFound } from '../errors/domain-error.ts';
import type { Actor } from '../identity/user.ts';
import { scratchPin, serialToken } from './authenticity.ts';
import { farmWriter } from './authorize.ts';
import { generateLotCode, generateTraceSerial } from './codes.ts';
import { newEpcisEventId } from './epcis.ts';
import { type RecordEventInput, recordEventInputSchema, type TraceEvent } from './event.ts';
import { getFarmOrThrow } from './farm-use-cases.ts';
import { printedUri, type TraceCode } from './links.ts';
import { type CreateLotInput, createLotInputSchema, type Lot, lotNamespace } from './lot.ts';
import type { TraceDeps } from './ports.ts';
import { assertHarvestAllowed } from './pre-harvest.ts';

export const lotNotFound = () => notFound({ vi: 'lô hàng', en: 'lot' }, 'lot_not_found');

const notYourListing = () =>
  new DomainError(
    'unprocessable',
    'product_not_yours',
    {
      vi: 'Sản phẩm này không phải của hộ; lô chỉ được gắn với sản phẩm của chính hộ.',
      en: 'This listing is not the household’s; a lot may only point to the household’s own listings.',
    },
    {
      fields: [
        {
          path: 'productId',
          code: 'product_not_yours',
          message: { vi: 'Không phải sản phẩm của hộ.', en: 'Not the household’s listing.' },
        },
      ],
    },
  );

const now = (deps: Pick<TraceDeps, 'now'>) => deps.now?.() ?? new Date();

export const codeOfLot = (lot: Pick<Lot, 'gtin' | 'lotCode'>, serial?: string): TraceCode => ({
  ...(lot.gtin ? { gtin: lot.gtin } : {}),
  lot: lot.lotCode,
  ...(serial ? { serial } : {}),
});

export async function createTraceLot(
  deps: Pick<TraceDeps, 'trace' | 'users' | 'now' | 'newId' | 'products'>,
  actor: Actor,
  farmId: string,
  raw: CreateLotInput,
): Promise<Lot> {
  const input = createLotInputSchema.parse(raw);
  const farm = await getFarmOrThrow(deps, farmId);
  const { onBehalfBy } = await farmWriter(deps, actor, farm);
  // A GTIN is its producer's: only one the farm's owner has claimed through their own listing.
  if (input.gtin) {
    const refusal = lotGtinRefusal(await deps.trace.gtinOwner(input.gtin), farm.ownerId);
    if (refusal) throw refusal;
  }
  // Likewise the listing the trace page's "Mua" link points to: one of the owner's own.
  if (input.productId) {
    const product = await deps.products?.getById(input.productId);
    if (product?.farmerId !== farm.ownerId) throw notYourListing();
  }
  const at = now(deps);
  // A generated code that happens to be taken is simply drawn again; a code the farmer chose is a conflict.
  for (let attempt = 0; attempt < 5; attempt++) {
    const lot: Lot = {
      ...input,
      id: (deps.newId ?? ulid)(),
      lotCode: input.lotCode ?? generateLotCode(input.harvestDate, at),
      farmId,
      ownerId: farm.ownerId,
      serialCount: 0,
      createdAt: at.toISOString(),
      createdBy: actor.userId,
      ...(onBehalfBy ? { onBehalfBy } : {}),
    };
    if (await deps.trace.createLot(lot)) return lot;
    if (input.lotCode)
      throw conflict(
        'lot_code_taken',
        {
          vi: `Mã lô ${input.lotCode} đã được dùng${input.gtin ? ' cho GTIN này' : ''}.`,
          en: `Lot code ${input.lotCode} is already used${input.gtin ? ' for this GTIN' : ''}.`,
        },
        { namespace: lotNamespace(input) },
      );
  }
  throw new Error('could not draw a free lot code');
}

/** The lot and its farm, after checking the actor may write them. */
async function writableLot(deps: Pick<TraceDeps, 'trace' | 'users'>, actor: Actor, lotId: string) {
  const lot = await deps.trace.getLot(lotId);
  if (!lot) throw lotNotFound();
  const farm = await getFarmOrThrow(deps, lot.farmId);
  return { lot, farm, ...(await farmWriter(deps, actor, farm)) };
}

export async function recordTraceEvent(
  deps: Pick<TraceDeps, 'trace' | 'users' | 'now' | 'newId' | 'config'>,
  actor: Actor,
  lotId: string,
  raw: RecordEventInput,
): Promise<TraceEvent> {
  const data = recordEventInputSchema.parse(raw);
  const { lot, farm, onBehalfBy } = await writableLot(deps, actor, lotId);
  // Optimistic concurrency: a pesticide recorded while this harvest was being checked makes the append retry.
  for (let attempt = 0; attempt < 3; attempt++) {
    const history = await deps.trace.getLotHistory(lotId);
    if (!history) throw lotNotFound();
    if (data.type === 'harvesting') assertHarvestAllowed(history.events, data.time);
    if (data.type === 'input' && data.input.kind === 'pesticide') {
      const harvestedAfter = history.events.find((e) => e.type === 'harvesting' && e.time > data.time);
      if (harvestedAfter)
        throw new DomainError('unprocessable', 'input_after_harvest', {
          vi: 'Lô này đã thu hoạch sau thời điểm phun thuốc được khai; không thể ghi thuốc vào trước lúc thu hoạch.',
          en: 'This lot was harvested after the declared spraying time; a pesticide cannot be back-dated before a recorded harvest.',
        });
    }
    const event = {
      ...data,
      id: (deps.newId ?? ulid)(),
      lotId,
      recordedAt: now(deps).toISOString(),
      recordedBy: actor.userId,
      ...(onBehalfBy ? { onBehalfBy } : {}),
    } as TraceEvent;
    const stored = { ...event, epcisEventId: newEpcisEventId(event, lot, farm, deps.config.resolverUrl) };
    if (await deps.trace.appendEvent(stored, history.version)) return stored;
  }
  throw conflict('concurrent_update', {
    vi: 'Lô hàng vừa được cập nhật, vui lòng thử lại.',
    en: 'The lot was just updated, please try again.',
  });
}

export const MAX_SERIALS_PER_CALL = 500;

export interface IssuedSerial {
  readonly serial: string;
  readonly uri: string;
  readonly pin: string;
}

/** Serialises items of a lot: each gets a random serial, a signed URI and a scratch PIN. */
export async function issueSerials(
  deps: Pick<TraceDeps, 'trace' | 'users' | 'now' | 'config'>,
  actor: Actor,
  lotId: string,
  count: number,
): Promise<{ lotId: string; serials: IssuedSerial[] }> {
  if (!Number.isInteger(count) || count < 1 || count > MAX_SERIALS_PER_CALL)
    throw new DomainError('validation', 'bad_count', {
      vi: `Số tem phải từ 1 đến ${MAX_SERIALS_PER_CALL}.`,
      en: `Count must be 1 to ${MAX_SERIALS_PER_CALL}.`,
    });
  const { lot } = await writableLot(deps, actor, lotId);
  const serials = [...new Set(Array.from({ length: count }, () => generateTraceSerial()))];
  if (!(await deps.trace.addSerials(lotId, serials, lot.serialCount, now(deps).toISOString())))
    throw conflict('concurrent_update', {
      vi: 'Lô hàng vừa được cập nhật, vui lòng thử lại.',
      en: 'The lot was just updated, please try again.',
    });
  return { lotId, serials: serials.map((serial) => issuedSerial(deps.config, lot, serial)) };
}

export function issuedSerial(config: TraceDeps['config'], lot: Lot, serial: string): IssuedSerial {
  const code = codeOfLot(lot, serial);
  return {
    serial,
    uri: printedUri(code, config.resolverUrl, serialToken(config.signingSecret, code)),
    pin: scratchPin(config.signingSecret, code),
  };
}

export { writableLot };

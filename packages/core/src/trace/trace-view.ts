import type { EpcisDocument } from '@chophien/gs1';
import { DomainError } from '../errors/domain-error.ts';
import { CODE_TRIES } from '../limits/throttles.ts';
import {
  type CloneReason,
  cloneSuspicion,
  type DeviceClass,
  notifyCloneAlert,
  scanDeviceClass,
  scanNetwork,
  verifyScratchPin,
  verifySerialToken,
} from './authenticity.ts';
import { type Certification, certificationStatus, certificationsThatApply } from './certification.ts';
import { lotEpcisDocument } from './epcis.ts';
import type { TraceEvent } from './event.ts';
import type { Farm } from './farm.ts';
import { codeNamespace, codePath, printedUri, type TraceCode, tracePagePath } from './links.ts';
import type { Lot } from './lot.ts';
import { lotNotFound } from './lot-use-cases.ts';
import type { TraceDeps } from './ports.ts';
import { isScanRegion } from './regions.ts';

const now = (deps: Pick<TraceDeps, 'now'>) => deps.now?.() ?? new Date();

export interface ResolvedLot {
  readonly lot: Lot;
  readonly farm: Farm;
  readonly events: TraceEvent[];
}

/** The registered lot a code names, with its farm and history; undefined for an unknown code. */
export async function resolveLot(
  deps: Pick<TraceDeps, 'trace'>,
  code: Pick<TraceCode, 'gtin' | 'lot'>,
): Promise<ResolvedLot | undefined> {
  const lotId = await deps.trace.findLotIdByCode(codeNamespace(code), code.lot);
  if (!lotId) return undefined;
  const history = await deps.trace.getLotHistory(lotId);
  if (!history) return undefined;
  const farm = await deps.trace.getFarm(history.lot.farmId);
  if (!farm) return undefined;
  return { lot: history.lot, farm, events: history.events };
}

/** `lot` is a lot id, or a lot code (with `gtin` for GS1 lots). */
export async function lotEpcis(
  deps: Pick<TraceDeps, 'trace' | 'config' | 'now'>,
  query: { lot: string; gtin?: string | undefined },
): Promise<EpcisDocument> {
  let resolved = await resolveLot(deps, { lot: query.lot, ...(query.gtin ? { gtin: query.gtin } : {}) });
  if (!resolved && !query.gtin) {
    const history = await deps.trace.getLotHistory(query.lot);
    const farm = history && (await deps.trace.getFarm(history.lot.farmId));
    if (history && farm) resolved = { lot: history.lot, farm, events: history.events };
  }
  if (!resolved) throw lotNotFound();
  return lotEpcisDocument(resolved.lot, resolved.farm, resolved.events, deps.config.resolverUrl, now(deps));
}

/** GS1 linkset (RFC 9264 with GS1 link types) for a registered code; undefined when unknown. */
export async function codeLinkset(
  deps: Pick<TraceDeps, 'trace' | 'config'>,
  code: TraceCode,
): Promise<Record<string, unknown> | undefined> {
  const resolved = await resolveLot(deps, code);
  if (!resolved) return undefined;
  const { lot } = resolved;
  const page = `${new URL(deps.config.siteUrl).origin}${tracePagePath(code)}`;
  const epcis = `${new URL(deps.config.resolverUrl).origin}/epcis/events?lot=${encodeURIComponent(lot.lotCode)}${lot.gtin ? `&gtin=${lot.gtin}` : ''}`;
  const pip = { href: page, title: lot.productName.vi, type: 'text/html', hreflang: ['vi', 'en'] };
  return {
    linkset: [
      {
        anchor: printedUri(code, deps.config.resolverUrl),
        'https://gs1.org/voc/defaultLink': [pip],
        'https://gs1.org/voc/pip': [pip],
        'https://gs1.org/voc/traceability': [
          { href: epcis, title: 'EPCIS 2.0 events', type: 'application/ld+json' },
        ],
      },
    ],
  };
}

export interface CertificationView extends Certification {
  readonly status: 'valid' | 'expired';
}

export type Authenticity =
  | { readonly kind: 'lot' }
  | {
      readonly kind: 'serial';
      readonly serial: string;
      readonly genuine: boolean;
      readonly scanCount: number;
      readonly firstScanAt?: string;
      readonly soldAt?: string;
      readonly clone?: CloneReason;
    };

export type TraceView =
  | { readonly status: 'not_registered'; readonly code: TraceCode }
  | {
      readonly status: 'found';
      readonly code: TraceCode;
      readonly lot: Lot;
      readonly farm: Farm;
      readonly certifications: CertificationView[];
      readonly events: TraceEvent[];
      readonly harvestDate?: string;
      readonly packDate?: string;
      readonly productSlug?: string;
      readonly mapUrl?: string;
      readonly authenticity: Authenticity;
      readonly resolverPath: string;
    };

export interface ScanContext {
  readonly token?: string | undefined;
  readonly userAgent?: string | undefined;
  /** Province the buyer chose to share (coarse location only with consent); one of SCAN_REGIONS. */
  readonly region?: string | undefined;
  /** The viewer's address (hashed into a network before anything is stored). */
  readonly clientAddress?: string | undefined;
  /** Where the edge located the viewer (ISO 3166-2 code); only from a trusted edge, never the request. */
  readonly observedRegion?: string | undefined;
  /** The same buyer again (e.g. after sharing their province): logged, but not counted as a new scan. */
  readonly followUp?: boolean | undefined;
}

/**
 * What the trace page shows for a scanned code. Every call is a scan: it is logged, a genuine serial's
 * counter moves, and a clone suspicion raises one alert for the producer.
 */
export async function viewTrace(deps: TraceDeps, code: TraceCode, scan: ScanContext): Promise<TraceView> {
  const resolved = await resolveLot(deps, code);
  if (!resolved) return { status: 'not_registered', code };
  const { lot, farm, events } = resolved;
  const at = now(deps);
  const device: DeviceClass = scanDeviceClass(scan.userAgent);
  const region = isScanRegion(scan.region) ? scan.region : undefined;
  const network = scanNetwork(deps.config.signingSecret, scan.clientAddress);
  const observedRegion =
    scan.observedRegion && /^[A-Z]{2}-[A-Z0-9]{1,3}$/.test(scan.observedRegion)
      ? scan.observedRegion
      : undefined;
  const evidence = { ...(network ? { network } : {}), ...(observedRegion ? { observedRegion } : {}) };
  let authenticity: Authenticity = { kind: 'lot' };
  if (code.serial) {
    const registered = await deps.trace.getSerial(lot.id, code.serial);
    const genuine = Boolean(registered) && verifySerialToken(deps.config.signingSecret, code, scan.token);
    // Only genuine scans move the counter: a forger must not be able to inflate (or reset) a real item's history.
    const state = await deps.trace.recordScan({
      lotId: lot.id,
      ...(genuine ? { serial: code.serial } : {}),
      at: at.toISOString(),
      device,
      ...(region ? { region } : {}),
      ...evidence,
      genuine,
      ...(scan.followUp ? { counted: false } : {}),
    });
    if (genuine && state) {
      const recent = await deps.trace.recentScans(lot.id, code.serial, 50);
      const clone = cloneSuspicion(state.networkCount ?? 0, recent);
      if (clone) {
        await deps.trace.raiseCloneAlert({
          ownerId: lot.ownerId,
          lotId: lot.id,
          serial: code.serial,
          reason: clone,
          at: at.toISOString(),
        });
        await notifyCloneAlert(
          deps,
          { id: lot.ownerId },
          {
            productName: lot.productName.vi,
            lotId: lot.id,
            lotCode: lot.lotCode,
            serial: code.serial,
            reason: clone,
            networkCount: state.networkCount ?? 0,
            recent,
            at,
            dashboardUrl: `${new URL(deps.config.siteUrl).origin}/nong-dan`,
          },
        );
      }
      authenticity = {
        kind: 'serial',
        serial: code.serial,
        genuine: true,
        scanCount: state.scanCount,
        ...(state.firstScanAt ? { firstScanAt: state.firstScanAt } : {}),
        ...(state.soldAt ? { soldAt: state.soldAt } : {}),
        ...(clone ? { clone } : {}),
      };
    } else {
      authenticity = { kind: 'serial', serial: code.serial, genuine: false, scanCount: 0 };
    }
  } else {
    await deps.trace.recordScan({
      lotId: lot.id,
      at: at.toISOString(),
      device,
      ...(region ? { region } : {}),
      ...evidence,
    });
  }
  const harvest = events.find((e) => e.type === 'harvesting');
  const packing = events.find((e) => e.type === 'packing');
  const product = lot.productId ? await deps.products?.getById(lot.productId) : undefined;
  const harvestDate = lot.harvestDate ?? harvest?.time;
  const packDate = lot.packDate ?? packing?.time;
  return {
    status: 'found',
    code,
    lot,
    farm,
    // Only what applies to this lot's product: the farm's own, and an OCOP only of this product.
    certifications: certificationsThatApply(farm.certifications ?? [], lot.productId).map((cert) => ({
      ...cert,
      status: certificationStatus(cert, at),
    })),
    events: [...events].sort((a, b) => a.time.localeCompare(b.time)),
    ...(harvestDate ? { harvestDate } : {}),
    ...(packDate ? { packDate } : {}),
    // A buy link only to the lot owner's own listing, whatever the lot was created with.
    ...(product && product.status === 'published' && product.farmerId === lot.ownerId
      ? { productSlug: product.slug }
      : {}),
    ...(farm.gps
      ? {
          mapUrl: `https://www.openstreetmap.org/?mlat=${farm.gps.lat}&mlon=${farm.gps.lng}#map=15/${farm.gps.lat}/${farm.gps.lng}`,
        }
      : {}),
    authenticity,
    resolverPath: codePath(code),
  };
}

export type PinOutcome =
  | { readonly result: 'sold_now'; readonly soldAt: string }
  | { readonly result: 'already_sold'; readonly soldAt: string }
  | { readonly result: 'wrong_pin'; readonly attemptsLeft: number }
  | { readonly result: 'locked' };

/** Scratch-PIN tries per item, for its whole life (a right PIN is given back: it is not a failure). */
const SCRATCH_PIN_LIMIT = CODE_TRIES;
export const MAX_PIN_FAILURES = SCRATCH_PIN_LIMIT.max;

/**
 * The scratch-PIN check: the first correct PIN marks the item sold; later checks say when it was.
 * Each try is counted (a conditional write) before the PIN is looked at, so of any number of
 * simultaneous guesses at most five are ever evaluated.
 */
export async function checkScratchPin(
  deps: Pick<TraceDeps, 'trace' | 'config' | 'now' | 'attempts'>,
  code: TraceCode,
  token: string | undefined,
  pin: string,
): Promise<PinOutcome> {
  const notGenuine = () =>
    new DomainError('unprocessable', 'not_genuine', {
      vi: 'Mã này không phải mã thật của hệ thống.',
      en: 'This code is not a genuine code of the platform.',
    });
  if (!code.serial || !verifySerialToken(deps.config.signingSecret, code, token)) throw notGenuine();
  const lotId = await deps.trace.findLotIdByCode(codeNamespace(code), code.lot);
  const serial = lotId ? await deps.trace.getSerial(lotId, code.serial) : undefined;
  if (!lotId || !serial) throw notGenuine();
  const at = now(deps);
  const bucket = `scratch-pin#${lotId}#${code.serial}`;
  const taken = await deps.attempts.take(bucket, SCRATCH_PIN_LIMIT, at);
  if (!taken.ok) return { result: 'locked' };
  if (!verifyScratchPin(deps.config.signingSecret, code, pin)) {
    return taken.count >= SCRATCH_PIN_LIMIT.max
      ? { result: 'locked' }
      : { result: 'wrong_pin', attemptsLeft: SCRATCH_PIN_LIMIT.max - taken.count };
  }
  await deps.attempts.giveBack(bucket, SCRATCH_PIN_LIMIT, at);
  const sold = await deps.trace.markSold(lotId, code.serial, at.toISOString());
  return sold.first
    ? { result: 'sold_now', soldAt: sold.soldAt }
    : { result: 'already_sold', soldAt: sold.soldAt };
}

import type { GtinOwners } from '../catalog/gtin-ownership.ts';
import type { UserProfile } from '../identity/profile.ts';
import type { AttemptCounter } from '../limits/attempts.ts';
import type { NotificationClaims, SmsSender } from '../notify/sms.ts';
import type { Certification } from './certification.ts';
import type { TraceEvent } from './event.ts';
import type { Farm } from './farm.ts';
import type { Lot } from './lot.ts';

export interface SerialItem {
  readonly lotId: string;
  readonly serial: string;
  readonly createdAt: string;
  readonly scanCount: number;
  /** Different networks its genuine scans came from (decision 0905); absent on items from before. */
  readonly networkCount?: number;
  readonly firstScanAt?: string;
  readonly soldAt?: string;
  readonly cloneAlertAt?: string;
}

export interface ScanEntry {
  readonly lotId: string;
  readonly serial?: string;
  readonly at: string;
  readonly device: string;
  /** Typed by the buyer: context, never evidence. */
  readonly region?: string;
  /** Keyed hash of the scanning network (core `scanNetwork`); no address is stored. */
  readonly network?: string;
  /** Where the edge located the viewer (CloudFront-Viewer-Country-Region on AWS). */
  readonly observedRegion?: string;
  /** Whether the signed token matched (serials only). */
  readonly genuine?: boolean;
  /** false for the same buyer's follow-up (sharing their province): logged, not counted again. */
  readonly counted?: boolean;
}

export interface CloneAlert {
  readonly ownerId: string;
  readonly lotId: string;
  readonly serial: string;
  readonly reason: string;
  readonly at: string;
}

/** What traceability needs from storage; packages/db implements it on the single table. */
export interface TraceRepository extends GtinOwners {
  createFarm(farm: Farm): Promise<void>;
  getFarm(id: string): Promise<Farm | undefined>;
  listFarmsByOwner(ownerId: string, limit: number): Promise<Farm[]>;
  /** Appends a certificate while the farm holds fewer than `max`; false when it is full (or gone). */
  addCertification(farmId: string, cert: Certification, max: number): Promise<boolean>;
  /** Newest first. */
  listLotsByFarm(farmId: string, limit: number): Promise<Lot[]>;
  /** Conditional on the (GTIN or platform, lot code) pair being free; false when it is taken. */
  createLot(lot: Lot): Promise<boolean>;
  getLot(id: string): Promise<Lot | undefined>;
  findLotIdByCode(namespace: string, lotCode: string): Promise<string | undefined>;
  /** The lot, its events (oldest first) and the lot's event version, in one read. */
  getLotHistory(id: string): Promise<{ lot: Lot; events: TraceEvent[]; version: number } | undefined>;
  /** Appends when the lot's event version is still `expectedVersion`; false when another write came first. */
  appendEvent(event: TraceEvent, expectedVersion: number): Promise<boolean>;
  /** Adds serials when the lot's serial count is still `expectedCount`; false when another write came first. */
  addSerials(lotId: string, serials: readonly string[], expectedCount: number, at: string): Promise<boolean>;
  listSerials(lotId: string, limit: number): Promise<SerialItem[]>;
  getSerial(lotId: string, serial: string): Promise<SerialItem | undefined>;
  /**
   * Counts the scan on the serial (if any) and writes the log entry; returns the serial's new state. A
   * scan from a network the serial has not seen before also counts one more network, once per network
   * however many arrive at once (a conditional marker item).
   */
  recordScan(scan: ScanEntry): Promise<SerialItem | undefined>;
  recentScans(lotId: string, serial: string, limit: number): Promise<ScanEntry[]>;
  /** Records the first clone alert for a serial; false when one was already raised. */
  raiseCloneAlert(alert: CloneAlert): Promise<boolean>;
  listCloneAlerts(ownerId: string, limit: number): Promise<CloneAlert[]>;
  /** Marks the serial sold unless already sold; returns the sold time that stands and whether this call set it. */
  markSold(lotId: string, serial: string, at: string): Promise<{ soldAt: string; first: boolean }>;
}

export interface TraceDeps {
  readonly trace: TraceRepository;
  readonly users: { get(id: string): Promise<UserProfile | undefined> };
  readonly products?: {
    getById(id: string): Promise<{ slug: string; status: string; farmerId?: string } | undefined>;
  };
  readonly config: { readonly signingSecret: string; readonly resolverUrl: string; readonly siteUrl: string };
  readonly now?: () => Date;
  readonly newId?: () => string;
  /** Counts scratch-PIN tries before they are evaluated (core/limits). */
  readonly attempts: AttemptCounter;
  /** Clone-warning SMS to the farm's owner (contract C5); without both, alerts are only stored. */
  readonly sms?: SmsSender;
  readonly notifications?: NotificationClaims;
}

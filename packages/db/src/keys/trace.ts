// Keys of the trace area (see docs/decisions/0002-table-design.md, section "trace").
import { indexes } from '../table.ts';

export const traceFarmKey = (id: string) => ({ PK: `FARM#${id}`, SK: 'FARM' });
export const traceFarmKeys = (farm: { id: string; ownerId: string; createdAt: string }) => ({
  ...traceFarmKey(farm.id),
  GSI1PK: `OWNER#${farm.ownerId}`,
  GSI1SK: `FARM#${farm.createdAt}#${farm.id}`,
});
export const farmsByOwner = (ownerId: string) => ({
  index: indexes.byOwner,
  pk: `OWNER#${ownerId}`,
  skPrefix: 'FARM#',
});

/** A lot's partition holds the lot, its events, its serials and its scan log: one Query reads a lot's history. */
export const traceLotPartition = (lotId: string) => `LOT#${lotId}`;
export const traceLotKey = (id: string) => ({ PK: traceLotPartition(id), SK: 'LOT' });
export const traceLotKeys = (lot: { id: string; farmId: string; createdAt: string }) => ({
  ...traceLotKey(lot.id),
  GSI1PK: `FARM#${lot.farmId}`,
  GSI1SK: `LOT#${lot.createdAt}#${lot.id}`,
});
export const lotsByFarm = (farmId: string) => ({
  index: indexes.byOwner,
  pk: `FARM#${farmId}`,
  skPrefix: 'LOT#',
});

/** Claims a (GTIN or platform namespace, lot code) pair: the conditional put that keeps lot codes unique. */
export const traceLotCodeKey = (namespace: string, lotCode: string) => ({
  PK: `LOTCODE#${namespace}#${lotCode}`,
  SK: 'LOTCODE',
});

export const TRACE_EVENT_PREFIX = 'EVENT#';
export const traceEventKey = (lotId: string, time: string, eventId: string) => ({
  PK: traceLotPartition(lotId),
  SK: `${TRACE_EVENT_PREFIX}${time}#${eventId}`,
});

export const TRACE_SERIAL_PREFIX = 'SERIAL#';
export const traceSerialKey = (lotId: string, serial: string) => ({
  PK: traceLotPartition(lotId),
  SK: `${TRACE_SERIAL_PREFIX}${serial}`,
});

/** Scan log entries sort by serial then time, so a serial's recent scans are one Query ("-" = lot-level scan). */
export const traceScanPrefix = (serial: string | undefined) => `SCAN#${serial ?? '-'}#`;
export const traceScanKey = (lotId: string, serial: string | undefined, at: string, id: string) => ({
  PK: traceLotPartition(lotId),
  SK: `${traceScanPrefix(serial)}${at}#${id}`,
});

/** One item per (serial, network) that scanned it: the first scan from a network counts it (decision 0905). */
export const traceScanNetworkKey = (lotId: string, serial: string, network: string) => ({
  PK: traceLotPartition(lotId),
  SK: `SCANNET#${serial}#${network}`,
});

export const cloneAlertKey = (ownerId: string, at: string, lotId: string, serial: string) => ({
  PK: `ALERTS#${ownerId}`,
  SK: `CLONE#${at}#${lotId}#${serial}`,
});
export const cloneAlertsPartition = (ownerId: string) => `ALERTS#${ownerId}`;

// Keys of the province console (see docs/decisions/0002-table-design.md, section "Province console").
import type { ItemKeys } from './foundation.ts';

/** A market's public code is unique: this claim is written in the market's own transaction. */
export const marketCodeClaimKey = (code: string) => ({ PK: `MARKETCODE#${code}`, SK: 'CLAIM' });
/** A stall's public code (bank memos, standees) is unique platform-wide. */
export const stallCodeClaimKey = (code: string) => ({ PK: `STALLCODE#${code}`, SK: 'CLAIM' });

export const zoneKey = (marketId: string, zoneId: string) => ({
  PK: `MARKET#${marketId}`,
  SK: `ZONE#${zoneId}`,
});
export const zonesOfMarketPrefix = (marketId: string) => ({ PK: `MARKET#${marketId}`, SKPrefix: 'ZONE#' });
/** A zone name (folded) is unique within its market. */
export const zoneNameClaimKey = (marketId: string, foldedName: string) => ({
  PK: `MARKET#${marketId}`,
  SK: `ZONENAME#${foldedName}`,
});

/** The console's audit: one partition per month (newest first), and per record on GSI1. */
export const consoleAuditKeys = (entry: { id: string; at: string; target: { id: string } }): ItemKeys => ({
  PK: consoleAuditMonthPk(entry.at.slice(0, 7)),
  SK: `${entry.at}#${entry.id}`,
  GSI1PK: auditOfTargetPk(entry.target.id),
  GSI1SK: `${entry.at}#${entry.id}`,
});
export const consoleAuditMonthPk = (month: string) => `CONSOLEAUDIT#${month}`;
export const auditOfTargetPk = (targetId: string) => `AUDITOF#${targetId}`;

/** An import: its job item, and its validated rows in chunks (an item holds at most 400 KB). */
export const importJobKey = (importId: string) => ({ PK: `IMPORT#${importId}`, SK: 'JOB' });
export const importChunkKey = (importId: string, index: number) => ({
  PK: `IMPORT#${importId}`,
  SK: `CHUNK#${String(index).padStart(5, '0')}`,
});
/** Imports newest first, for the console's list. */
export const importJobKeys = (job: { id: string; createdAt: string }): ItemKeys => ({
  ...importJobKey(job.id),
  GSI1PK: 'IMPORTS',
  GSI1SK: `${job.createdAt}#${job.id}`,
});

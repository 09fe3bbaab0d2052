import { assertAdmin } from '../../access/rules.ts';
import { DomainError, notFound } from '../../errors/domain-error.ts';
import type { UserProfile } from '../../identity/profile.ts';
import type { Actor } from '../../identity/user.ts';
import type { Market, Stall } from '../../markets/model.ts';
import { foldForSearch } from '../../text/fold.ts';
import { auditEntry } from '../audit.ts';
import { planStall, type StallPlan, sameStall } from '../markets.ts';
import type { Zone } from '../model.ts';
import { invitationText } from '../people.ts';
import type { ConsoleDeps } from '../ports.ts';
import { type ImportRow, type RowProblem, validateRows } from './rows.ts';
import { MAX_IMPORT_BYTES, MAX_IMPORT_ROWS, readSheet } from './sheet.ts';

/**
 * Markets' stalls from a spreadsheet (decision 0802). A dry run lists every bad row before anything is
 * written; a real run stores the checked rows as a job and writes them chunk by chunk, each stall with its
 * vendor in one transaction, so the same file imported again changes nothing, an interrupted run resumes,
 * and progress is the job's counts.
 */
export const IMPORT_CHUNK_ROWS = 500;
const ROW_CONCURRENCY = 8;
/** 20 rows of at most 5 items: a transaction holds 100. */
const ROWS_PER_TRANSACTION = 20;
const GROUP_CONCURRENCY = 4;

export interface ImportJob {
  readonly id: string;
  readonly fileName: string;
  readonly createdAt: string;
  readonly createdBy: string;
  readonly status: 'running' | 'done';
  readonly total: number;
  readonly chunks: number;
  readonly nextChunk: number;
  readonly created: number;
  readonly unchanged: number;
  readonly failed: number;
  /** Rows that could not be written (a stall that exists with other details), at most 50 per chunk. */
  readonly problems: readonly RowProblem[];
  readonly finishedAt?: string;
}

export interface ChunkOutcome {
  readonly created: number;
  readonly unchanged: number;
  readonly failed: number;
  readonly problems: readonly RowProblem[];
}

export interface ImportStore {
  createJob(job: ImportJob, chunks: readonly (readonly ImportRow[])[]): Promise<void>;
  getJob(id: string): Promise<ImportJob | undefined>;
  getChunk(id: string, index: number): Promise<ImportRow[]>;
  /** Adds a chunk's outcome only if the job's `nextChunk` is still `index` (one run counts each chunk). */
  recordChunk(
    id: string,
    index: number,
    outcome: ChunkOutcome,
    finishedAt: string | undefined,
  ): Promise<boolean>;
  listJobs(limit: number): Promise<ImportJob[]>;
}

export type ImportDeps = ConsoleDeps & { readonly imports: ImportStore };

export interface ImportFile {
  readonly fileName: string;
  readonly bytes: Uint8Array;
}

export interface DryRun {
  readonly fileName: string;
  readonly rows: number;
  readonly newStalls: number;
  readonly unchanged: number;
  readonly newZones: number;
  readonly problems: readonly RowProblem[];
}

const fileProblem = (vi: string, en: string): RowProblem => ({
  line: 1,
  column: 'file',
  message: { vi, en },
});

async function checkFile(deps: Pick<ConsoleDeps, 'console' | 'people'>, file: ImportFile) {
  if (file.bytes.byteLength > MAX_IMPORT_BYTES)
    return { rows: [], problems: [fileProblem('Tệp lớn hơn 8 MB.', 'The file is larger than 8 MB.')] };
  let sheet: string[][] | undefined;
  try {
    sheet = await readSheet(file.fileName, file.bytes);
  } catch {
    return {
      rows: [],
      problems: [fileProblem('Không đọc được tệp XLSX này.', 'This XLSX file cannot be read.')],
    };
  }
  if (!sheet)
    return {
      rows: [],
      problems: [fileProblem('Chỉ nhận tệp .xlsx hoặc .csv.', 'Only .xlsx or .csv files.')],
    };
  if (sheet.length > MAX_IMPORT_ROWS + 1)
    return {
      rows: [],
      problems: [
        fileProblem(`Tối đa ${MAX_IMPORT_ROWS} dòng mỗi tệp.`, `At most ${MAX_IMPORT_ROWS} rows per file.`),
      ],
    };
  const markets = await deps.console.listMarkets();
  return validateRows(sheet, markets);
}

const conflictProblem = (row: ImportRow): RowProblem => ({
  line: row.line,
  column: 'number',
  message: {
    vi: `Sạp ${row.fields.number} đã có với người bán hoặc thông tin khác; sửa sạp đó trong trang chợ.`,
    en: `Stall ${row.fields.number} already exists with another vendor or details; change it on the market page.`,
  },
});

/** Everything the real run would do, and every bad row, with nothing written. */
export async function dryRunImport(deps: ConsoleDeps, actor: Actor, file: ImportFile): Promise<DryRun> {
  assertAdmin(actor);
  const { rows, problems } = await checkFile(deps, file);
  const stalls = new Map<string, Map<string, Stall>>();
  const zones = new Map<string, Set<string>>();
  const newZones = new Set<string>();
  let unchanged = 0;
  const found: RowProblem[] = [...problems];
  for (const row of rows) {
    if (!stalls.has(row.marketId)) {
      stalls.set(
        row.marketId,
        new Map((await deps.console.listStallsOfMarket(row.marketId)).map((s) => [s.number, s])),
      );
      zones.set(
        row.marketId,
        new Set((await deps.console.listZones(row.marketId)).map((z) => foldForSearch(z.name))),
      );
    }
    const zoneKey = foldForSearch(row.zoneName);
    if (!zones.get(row.marketId)?.has(zoneKey)) newZones.add(`${row.marketId}#${zoneKey}`);
    const existing = stalls.get(row.marketId)?.get(row.fields.number);
    if (!existing) continue;
    const vendor = await deps.people.getByPhone(row.fields.vendorPhone);
    const zone = (await deps.console.listZones(row.marketId)).find((z) => foldForSearch(z.name) === zoneKey);
    if (zone && sameStall(existing, vendor, row.fields, zone)) unchanged += 1;
    else found.push(conflictProblem(row));
  }
  found.sort((a, b) => a.line - b.line);
  const conflicts = found.length - problems.length;
  return {
    fileName: file.fileName,
    rows: rows.length,
    newStalls: rows.length - unchanged - conflicts,
    unchanged,
    newZones: newZones.size,
    problems: found,
  };
}

/** Starts the real run: only a file with no bad rows; the rows are stored as the job's chunks. */
export async function startImport(deps: ImportDeps, actor: Actor, file: ImportFile): Promise<ImportJob> {
  assertAdmin(actor);
  const { rows, problems } = await checkFile(deps, file);
  if (problems.length > 0)
    throw new DomainError(
      'unprocessable',
      'import_has_errors',
      {
        vi: `Tệp còn ${problems.length} lỗi; sửa rồi kiểm tra lại trước khi nhập.`,
        en: `The file still has ${problems.length} problems; fix them and check again before importing.`,
      },
      { details: { problems: problems.slice(0, 200) } },
    );
  const chunks: ImportRow[][] = [];
  for (let i = 0; i < rows.length; i += IMPORT_CHUNK_ROWS) chunks.push(rows.slice(i, i + IMPORT_CHUNK_ROWS));
  const job: ImportJob = {
    id: deps.newId(),
    fileName: file.fileName,
    createdAt: deps.clock.now().toISOString(),
    createdBy: actor.userId,
    status: 'running',
    total: rows.length,
    chunks: chunks.length,
    nextChunk: 0,
    created: 0,
    unchanged: 0,
    failed: 0,
    problems: [],
  };
  await deps.imports.createJob(job, chunks);
  await deps.console.appendAudit(
    auditEntry(deps, actor.userId, 'import_started', { kind: 'import', id: job.id }, null, {
      fileName: job.fileName,
      rows: job.total,
    }),
  );
  return job;
}

export async function getImport(
  deps: Pick<ImportDeps, 'imports'>,
  actor: Actor,
  jobId: string,
): Promise<ImportJob> {
  assertAdmin(actor);
  const job = await deps.imports.getJob(jobId);
  if (!job) throw notFound({ vi: 'lần nhập', en: 'import' }, 'import_not_found');
  return job;
}

export async function listImports(deps: Pick<ImportDeps, 'imports'>, actor: Actor): Promise<ImportJob[]> {
  assertAdmin(actor);
  return deps.imports.listJobs(20);
}

/** What one advance keeps in memory: the markets, zones and stalls its rows touch. */
class RowContext {
  readonly markets = new Map<string, Market>();
  readonly zones = new Map<string, Map<string, Zone>>();
  readonly stalls = new Map<string, Map<string, Stall>>();
  readonly invites: UserProfile[] = [];
  constructor(
    private readonly deps: ImportDeps,
    private readonly actor: Actor,
  ) {}

  async load(marketId: string) {
    if (this.markets.has(marketId)) return;
    const market = await this.deps.console.getMarket(marketId);
    if (!market) throw new Error(`import: market ${marketId} vanished`);
    this.markets.set(marketId, market);
    this.zones.set(
      marketId,
      new Map((await this.deps.console.listZones(marketId)).map((z) => [foldForSearch(z.name), z])),
    );
    this.stalls.set(
      marketId,
      new Map((await this.deps.console.listStallsOfMarket(marketId)).map((s) => [s.number, s])),
    );
  }

  async zone(marketId: string, name: string): Promise<Zone> {
    const key = foldForSearch(name);
    const known = this.zones.get(marketId)?.get(key);
    if (known) return known;
    const zone: Zone = {
      id: this.deps.newId(),
      marketId,
      name,
      createdAt: this.deps.clock.now().toISOString(),
    };
    const audit = auditEntry(
      this.deps,
      this.actor.userId,
      'zone_created',
      { kind: 'zone', id: zone.id },
      null,
      { marketId, name },
    );
    if ((await this.deps.console.createZone(zone, audit)) === 'created') {
      this.zones.get(marketId)?.set(key, zone);
      return zone;
    }
    // Made meanwhile by a concurrent row of the same file.
    const again = (await this.deps.console.listZones(marketId)).find((z) => foldForSearch(z.name) === key);
    if (!again) throw new Error('import: zone name taken but not found');
    this.zones.get(marketId)?.set(key, again);
    return again;
  }

  /** One row on its own, reading everything again (the fallback when a grouped write met a change). */
  async row(row: ImportRow, attempt = 0): Promise<'created' | 'unchanged' | RowProblem> {
    await this.load(row.marketId);
    const market = this.markets.get(row.marketId)!;
    const zone = await this.zone(row.marketId, row.zoneName);
    const vendor = await this.deps.people.getByPhone(row.fields.vendorPhone);
    const existing =
      this.stalls.get(row.marketId)?.get(row.fields.number) ??
      (attempt > 0 ? await this.deps.console.findStallByNumber(row.marketId, row.fields.number) : undefined);
    if (existing) return sameStall(existing, vendor, row.fields, zone) ? 'unchanged' : conflictProblem(row);
    const plan = await planStall(this.deps, this.actor.userId, market, zone, row.fields, vendor);
    const result = await this.deps.console.createStall(plan.stall, plan.audit, plan.person);
    if (result === 'created') {
      this.written(plan);
      return 'created';
    }
    // Another writer (same vendor, same stall) got there first: read again and decide once more.
    if (attempt < 2) return this.row(row, attempt + 1);
    return conflictProblem(row);
  }

  private written(plan: StallPlan) {
    this.stalls.get(plan.stall.marketId)?.set(plan.stall.number, plan.stall);
    if (plan.invite) this.invites.push(plan.invite);
    if (plan.person) this.synced.push(plan.person.profile);
  }

  readonly synced: UserProfile[] = [];

  /**
   * A chunk: the vendors looked up in one go (ids from the identity provider, profiles by batch), every
   * row planned, and the new stalls written 20 rows to a transaction; a group that meets a change is
   * written again row by row.
   */
  async chunk(rows: readonly ImportRow[]): Promise<Array<'created' | 'unchanged' | RowProblem>> {
    for (const row of rows) {
      await this.load(row.marketId);
      await this.zone(row.marketId, row.zoneName);
    }
    const phones = [...new Set(rows.map((row) => row.fields.vendorPhone))];
    const ids = new Map(
      await inParallel(
        phones,
        ROW_CONCURRENCY,
        async (phone) => [phone, await this.deps.identity.ensureUser(phone)] as const,
      ),
    );
    const profiles = await this.deps.people.getMany([...ids.values()]);
    const planned = new Map<string, UserProfile>();
    const outcomes: Array<'created' | 'unchanged' | RowProblem> = new Array(rows.length);
    const pending: Array<{ index: number; row: ImportRow; plan: StallPlan }> = [];
    for (const [index, row] of rows.entries()) {
      const phone = row.fields.vendorPhone;
      const vendor = planned.get(phone) ?? profiles.get(ids.get(phone) ?? '');
      const zone = (await this.zone(row.marketId, row.zoneName)) as Zone;
      const existing = this.stalls.get(row.marketId)?.get(row.fields.number);
      if (existing) {
        outcomes[index] = sameStall(existing, vendor, row.fields, zone) ? 'unchanged' : conflictProblem(row);
        continue;
      }
      const market = this.markets.get(row.marketId)!;
      const plan = await planStall(
        this.deps,
        this.actor.userId,
        market,
        zone,
        row.fields,
        vendor,
        ids.get(phone),
      );
      if (plan.person) planned.set(phone, plan.person.profile);
      this.stalls.get(row.marketId)?.set(row.fields.number, plan.stall);
      pending.push({ index, row, plan });
    }
    const groups: Array<typeof pending> = [];
    for (let i = 0; i < pending.length; i += ROWS_PER_TRANSACTION)
      groups.push(pending.slice(i, i + ROWS_PER_TRANSACTION));
    // Groups touch different stalls and vendors (a vendor's first row is planned before the others), so
    // a few are written at once; a group that fails is redone row by row after the others.
    const failed: typeof pending = [];
    await inParallel(groups, GROUP_CONCURRENCY, async (group) => {
      const result = await this.deps.console.createStalls(group.map(({ plan }) => plan));
      for (const entry of group) {
        if (result === 'created') {
          this.written(entry.plan);
          outcomes[entry.index] = 'created';
        } else failed.push(entry);
      }
    });
    for (const { index, row } of failed.sort((a, b) => a.index - b.index)) {
      this.stalls.get(row.marketId)?.delete(row.fields.number);
      outcomes[index] = await this.row(row, 1);
    }
    for (const person of this.synced.splice(0)) await this.deps.identity.syncRoles(person, person.roles);
    return outcomes;
  }
}

async function inParallel<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index] as T);
    }
  });
  await Promise.all(workers);
  return results;
}

/**
 * Writes the job's next chunks until `budgetMs` has passed (a page request keeps it short; the command
 * line and the benchmark run to the end). Safe to call twice at once: rows are idempotent, counts are not
 * added twice. Returns the job as it stands.
 */
export async function advanceImport(
  deps: ImportDeps,
  actor: Actor,
  jobId: string,
  budgetMs = Number.POSITIVE_INFINITY,
): Promise<ImportJob> {
  assertAdmin(actor);
  const started = Date.now();
  let job = await getImport(deps, actor, jobId);
  const context = new RowContext(deps, actor);
  while (job.status === 'running' && Date.now() - started < budgetMs) {
    const index = job.nextChunk;
    const rows = await deps.imports.getChunk(job.id, index);
    const outcomes = await context.chunk(rows);
    const problems = outcomes.filter((outcome): outcome is RowProblem => typeof outcome === 'object');
    const outcome: ChunkOutcome = {
      created: outcomes.filter((o) => o === 'created').length,
      unchanged: outcomes.filter((o) => o === 'unchanged').length,
      failed: problems.length,
      problems: problems.slice(0, 50),
    };
    const last = index + 1 >= job.chunks;
    const finishedAt = last ? deps.clock.now().toISOString() : undefined;
    if ((await deps.imports.recordChunk(job.id, index, outcome, finishedAt)) && last) {
      const done = await getImport(deps, actor, jobId);
      await deps.console.appendAudit(
        auditEntry(deps, actor.userId, 'import_finished', { kind: 'import', id: job.id }, null, {
          fileName: done.fileName,
          created: done.created,
          unchanged: done.unchanged,
          failed: done.failed,
        }),
      );
    }
    for (const person of context.invites.splice(0))
      await deps.sms.send({ to: person.phone, text: invitationText(deps, { role: 'vendor' }) });
    job = await getImport(deps, actor, jobId);
  }
  return job;
}

export interface Floor {
  readonly op: '>=' | '<=' | '==';
  readonly value: number;
}

export interface BenchContext {
  /** Base URL of a running local stack, when the area needs one (started by bench/run.ts). */
  readonly apiUrl?: string;
  readonly siteUrl?: string;
  readonly log: (message: string) => void;
}

export interface BenchArea {
  readonly name: string;
  /** True when the area needs the local stack (DynamoDB Local, API, site) running. */
  readonly needsStack?: boolean;
  readonly floors: Readonly<Record<string, Floor>>;
  run(ctx: BenchContext): Promise<Record<string, number>>;
}

/** Operations per second of `fn`, measured over at least `minMs` after a warm-up. */
export function opsPerSecond(fn: () => unknown, minMs = 1000): number {
  for (let i = 0; i < 2000; i++) fn();
  let iterations = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < minMs) {
    for (let i = 0; i < 500; i++) fn();
    iterations += 500;
    elapsed = performance.now() - start;
  }
  return Math.round((iterations * 1000) / elapsed);
}

export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)]!;
}

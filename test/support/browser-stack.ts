import AxeBuilder from '@axe-core/playwright';
import { createDb, type Db } from '@chophien/db';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { secretsFilePath } from '../../infra/local/src/bank/secrets-file.ts';
import { launchChromium } from './browser.ts';
import { startTestStack, type TestStack } from './stack.ts';

/** What a browser suite works with; filled in by its beforeAll. */
export interface BrowserStack {
  readonly stack: TestStack;
  readonly browser: Browser;
  /** The storefront's base URL. */
  readonly site: string;
  /** A client on the stack's own table (the bank simulator and direct checks use it). */
  readonly db: Db;
  /** What the bank simulator's `pay` needs to deliver a signed notification to this stack. */
  readonly bank: { db: Db; apiUrl: string; secretsFile: string };
}

/**
 * One local stack (own table, own ports, own data dir) and one Chromium for the suite, started before
 * its tests and disposed after them. Read the fields inside tests, not at module load.
 */
export function useBrowserStack(tableName: string, options: { readonly seed?: boolean } = {}): BrowserStack {
  const state: { stack?: TestStack; browser?: Browser; db?: Db } = {};
  beforeAll(async () => {
    state.stack = await startTestStack(tableName, options);
    // The stack has set TABLE_NAME and DYNAMODB_ENDPOINT for this process: the client follows them.
    state.db = createDb();
    state.browser = await launchChromium();
  }, 300_000);
  afterAll(async () => {
    await state.browser?.close();
    state.db?.raw.destroy();
    await state.stack?.dispose();
  });
  const ready = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${what} is not started yet: read it inside a test`);
    return value;
  };
  return {
    get stack() {
      return ready(state.stack, 'the test stack');
    },
    get browser() {
      return ready(state.browser, 'the browser');
    },
    get site() {
      return ready(state.stack?.siteUrl, 'the storefront');
    },
    get db() {
      return ready(state.db, 'the table client');
    },
    get bank() {
      const stack = ready(state.stack, 'the test stack');
      return {
        db: ready(state.db, 'the table client'),
        apiUrl: stack.apiUrl,
        secretsFile: secretsFilePath(stack.dataDir),
      };
    },
  };
}

/** axe's findings as readable lines: "<path> <rule>: <targets>". */
export async function axeViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations.map(
    (violation) =>
      `${new URL(page.url()).pathname} ${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
  );
}

/**
 * axe on a page that runs with JavaScript off: axe needs its script in the page, so the check opens
 * the same URL in a scripted twin context with the same cookies, optionally acts there first, and
 * expects 0 violations.
 */
export async function expectAccessibleTwin(page: Page, act?: (twin: Page) => Promise<void>): Promise<void> {
  const browser = page.context().browser();
  if (!browser) throw new Error('the page has no browser to open a twin context in');
  const context = await browser.newContext({ storageState: await page.context().storageState() });
  try {
    const twin = await context.newPage();
    await twin.goto(page.url());
    if (act) await act(twin);
    expect(await axeViolations(twin)).toEqual([]);
  } finally {
    await context.close();
  }
}

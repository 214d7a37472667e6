/**
 * The look of the app in a real browser: the light theme follows the system's
 * prefers-color-scheme (and the toggle overrides it), and at 1024 px no screen runs past the
 * window or its cards — wide tables scroll inside their card (the Run screen's bars-in-progress
 * table was cut off). Screenshot 'light-theme' of the Results screen.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/main/services/db/database.ts';
import { runBacktest } from '../src/main/services/runs/run-service.ts';
import { launchBrowser, screenshot } from './browser.ts';
import { startWebBackend, type WebBackend } from './web-backend.ts';

const CLI = path.resolve(import.meta.dirname, '../bin/backtestr.js');
// Slow enough that the run started from the UI is still running while its bars are measured.
const THROTTLE = { BACKTESTR_TEST_THROTTLE_MS: '200' };
let dataDir: string;
let browser: Browser;
let backend: WebBackend;
let context: BrowserContext;
let page: Page;
let finishedRun: string;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'backtestr-e2e-look-'));
  const gen = spawnSync(
    process.execPath,
    [CLI, 'data', 'generate', '--symbol', 'EURUSD', '--data-dir', dataDir, '--start'].concat([
      '2024-01-01',
      '--days',
      '3',
      '--seed',
      '1',
    ]),
    { encoding: 'utf8' },
  );
  if (gen.status !== 0) throw new Error(`data generate failed: ${gen.stderr}`);
  const db = openDatabase(dataDir);
  try {
    const r = await runBacktest(db, dataDir, {
      symbols: ['EURUSD'],
      timeframes: ['M15', 'H1'],
      strategy: 'ma-cross',
      params: { timeframe: 'M15', fast: 3, slow: 12, trendTimeframe: 'H1', trendPeriod: 20 },
    });
    finishedRun = r.runId;
  } finally {
    db.close();
  }
  browser = await launchBrowser();
  backend = await startWebBackend(dataDir, THROTTLE);
  context = await browser.newContext({
    viewport: { width: 1440, height: 900 },
    deviceScaleFactor: 1,
    colorScheme: 'light',
  });
  page = await context.newPage();
  page.on('pageerror', (e) => process.stderr.write(`page error: ${e.message}\n`));
  await page.goto(backend.url);
});

afterAll(async () => {
  await backend?.stop();
  await browser?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const nav = (name: RegExp) => page.getByRole('button', { name }).first().click();
// Page-side scripts as text: this file is type-checked for Node, which has no DOM types.
const theme = () => page.evaluate<string | undefined>('document.documentElement.dataset.theme');
const background = () =>
  page.evaluate<string>('getComputedStyle(document.documentElement).backgroundColor');

/**
 * What sticks out at the current width: the page itself, the screen (.content), or a card
 * (.panel) whose content spills past it. A card that scrolls its wide table sideways is the
 * intended fit and does not count.
 */
const OVERFLOWS = `(() => {
  const out = [];
  const root = document.documentElement;
  if (root.scrollWidth > root.clientWidth + 1) out.push('page ' + root.scrollWidth + 'px');
  for (const el of document.querySelectorAll('.panel, .content')) {
    const scrolls = el.matches('.panel') && getComputedStyle(el).overflowX !== 'visible';
    if (!scrolls && el.scrollWidth > el.clientWidth + 1) {
      const title = el.matches('.content')
        ? 'screen'
        : (el.querySelector('h2')?.textContent ?? el.className);
      out.push(title + ': ' + el.scrollWidth + 'px in ' + el.clientWidth + 'px');
    }
  }
  return out;
})()`;
const overflows = () => page.evaluate<string[]>(OVERFLOWS);

describe('look', () => {
  it('follows a light system theme on first load; the toggle overrides it and persists', async () => {
    expect(await theme()).toBe('light');
    await expect.poll(background).toBe('rgb(244, 246, 249)');
    await page.getByRole('radio', { name: 'Dark' }).click();
    expect(await theme()).toBe('dark');
    await page.reload();
    expect(await theme()).toBe('dark');
    await page.getByRole('radio', { name: 'System' }).click();
    expect(await theme()).toBe('light');
  });

  it('shows the Results screen in the light theme', async () => {
    await nav(/^Runs/);
    await page.getByText(finishedRun).first().click();
    await nav(/^Results/);
    await expect
      .poll(() => page.getByText(/Profit factor/i).count(), { timeout: 30_000 })
      .toBeGreaterThan(0);
    await page.getByRole('list', { name: 'Legend' }).first().waitFor();
    await page.waitForTimeout(500);
    await screenshot(page, 'light-theme');
  });

  it('at 1024 px nothing runs past the window or its card, the bars in progress included', async () => {
    await page.setViewportSize({ width: 1024, height: 768 });
    const seen: Record<string, string[]> = {};
    for (const screen of [/^Data/, /^New backtest/, /^Runs/, /^Optimise/, /^Settings/]) {
      await nav(screen);
      await page.waitForTimeout(300);
      seen[String(screen)] = await overflows();
    }
    await nav(/^Runs/);
    await page.getByText(finishedRun).first().click();
    for (const screen of [/^Results/, /^Checkpoints/]) {
      await nav(screen);
      await page.waitForTimeout(1000);
      seen[String(screen)] = await overflows();
    }
    // A running run with every timeframe and the strategy's indicators: the widest bars table.
    await nav(/^New backtest/);
    await page.getByLabel('Strategy').selectOption('rsi-reversion');
    await page.getByRole('button', { name: 'Start backtest' }).click();
    const bars = page.getByRole('table', { name: 'Partial bars and indicators' }).first();
    await expect.poll(() => bars.getByRole('row').count(), { timeout: 30_000 }).toBeGreaterThan(3);
    seen.run = await overflows();
    await screenshot(page, 'run-1024');
    expect(seen).toEqual(Object.fromEntries(Object.keys(seen).map((k) => [k, []])));
  });
});

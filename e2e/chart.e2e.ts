/**
 * The price chart end to end (issue 13): a finished run with trades, opened on the Results
 * screen in Chromium through the web bridge, draws its canvas with a marker for every trade
 * (the hidden marker list mirrors the canvas), and clicking a trade row brings it into the
 * chart's visible range.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/main/services/db/database.ts';
import { tradeResults } from '../src/main/services/api/run-results.ts';
import { getRun, listRuns } from '../src/main/services/runs/run-store.ts';
import { cli } from '../test/cli/run-cli.ts';
import { RUN_ARGS } from '../test/checkpoints/lifecycle/shared-data.ts';
import { launchBrowser, newPage, screenshot } from './browser.ts';
import { startWebBackend, type WebBackend } from './web-backend.ts';

let dataDir: string;
let browser: Browser;
let backend: WebBackend;
let page: Page;
let runId: string;
let trades: { id: number; entryTime: number; symbol: string }[];

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'backtestr-chart-e2e-'));
  const gen = ['--symbol', 'EURUSD', '--start', '2024-01-01', '--days', '3', '--seed', '7'];
  const g = cli(dataDir, ['data', 'generate', ...gen]);
  expect(g.code, g.stderr).toBe(0);
  const r = cli(dataDir, ['run', ...RUN_ARGS, '--timeframes', 'M5,H1', '--indicators', 'ema(20)']);
  expect(r.code, r.stderr).toBe(0);
  const db = openDatabase(dataDir);
  try {
    runId = listRuns(db).at(-1)!.id;
    trades = tradeResults(db, getRun(db, runId)!).trades;
  } finally {
    db.close();
  }
  expect(trades.length).toBeGreaterThan(1);
  browser = await launchBrowser();
  backend = await startWebBackend(dataDir);
  page = await newPage(browser);
});

afterAll(async () => {
  await backend?.stop();
  await browser?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('the price chart on the Results screen', () => {
  it('draws a marker for every trade and centres on a clicked trade', async () => {
    await page.goto(backend.url);
    await page
      .getByRole('link', { name: /Runs/ })
      .or(page.getByRole('button', { name: /^Runs/ }))
      .first()
      .click();
    await page.getByText(runId).first().click();
    await page
      .getByRole('link', { name: /Results/ })
      .or(page.getByRole('button', { name: /^Results/ }))
      .first()
      .click();
    const chart = page.getByTestId('price-chart');
    await chart.waitFor({ timeout: 30_000 });
    await expect
      .poll(() => chart.locator('canvas').count(), { timeout: 30_000 })
      .toBeGreaterThan(0);
    await expect
      .poll(async () => Number(await chart.getAttribute('data-bars')), { timeout: 30_000 })
      .toBeGreaterThan(0);
    const ids = await page
      .getByTestId('chart-markers')
      .locator('li')
      .evaluateAll((els) =>
        els.map((e) => Number((e as unknown as { dataset: { tradeId: string } }).dataset.tradeId)),
      );
    expect(ids.sort((a, b) => a - b)).toEqual(
      trades
        .filter((t) => t.symbol === 'EURUSD')
        .map((t) => t.id)
        .sort((a, b) => a - b),
    );

    const first = trades[0];
    await page.getByRole('table', { name: 'Trades' }).locator('tbody tr').first().click();
    await expect
      .poll(
        async () => {
          const from = Number(await chart.getAttribute('data-visible-from'));
          const to = Number(await chart.getAttribute('data-visible-to'));
          return from <= first.entryTime && first.entryTime <= to;
        },
        { timeout: 30_000 },
      )
      .toBe(true);
    await chart.scrollIntoViewIfNeeded();
    await screenshot(page, 'price-chart');
  });
});

/**
 * The Optimise screen end to end: the built renderer in Debian's Chromium against the real
 * backend through the web bridge. A sweep set up from the param schema runs every job and shows
 * it (table, best job, heatmap with click-through); then the app's promise for sweeps: a backend
 * SIGKILLed mid-sweep is offered for resume on reload, and Resume finishes it with the job results
 * of the sweep that was never interrupted. Screenshots land in test-output/e2e.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { unzipSync } from 'fflate';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SweepDetail } from '../src/shared/sweeps.ts';
import { openDatabase } from '../src/main/services/db/database.ts';
import { readSweep } from '../src/main/services/sweeps/sweep-service.ts';
import { launchBrowser, newPage, screenshot } from './browser.ts';
import { startWebBackend, type WebBackend } from './web-backend.ts';

const CLI = path.resolve(import.meta.dirname, '../bin/backtestr.js');
/** Slows every run step so that the kill lands mid-sweep; results do not depend on it. */
const THROTTLE = { BACKTESTR_TEST_THROTTLE_MS: '40' };
let dataDir: string;
let browser: Browser;
let backend: WebBackend;
let page: Page;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'backtestr-e2e-sweep-'));
  const gen = spawnSync(
    process.execPath,
    [CLI, 'data', 'generate', '--data-dir', dataDir, '--symbol', 'EURUSD'].concat([
      '--start',
      '2024-01-01',
      '--days',
      '3',
      '--seed',
      '1',
    ]),
    { encoding: 'utf8' },
  );
  if (gen.status !== 0) throw new Error(`data generate failed: ${gen.stderr}`);
  browser = await launchBrowser();
  backend = await startWebBackend(dataDir);
  page = await newPage(browser);
});

afterAll(async () => {
  await backend?.stop();
  await browser?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function sweep(id: string): SweepDetail {
  const db = openDatabase(dataDir);
  try {
    const d = readSweep(db, id);
    if (!d) throw new Error(`no sweep ${id}`);
    return d;
  } finally {
    db.close();
  }
}

/** ma-cross over fast 3|6 × slow 12|24 with an H1 trend filter (so that 3 days trade): 4 jobs. */
async function setUpSweep(workers: string): Promise<void> {
  await page.getByRole('button', { name: /^Optimise/ }).click();
  await page.getByLabel('Strategy', { exact: true }).selectOption('ma-cross');
  await page
    .getByRole('group', { name: 'Param fast' })
    .getByRole('button', { name: 'Swept' })
    .click();
  await page.getByLabel('fast from').fill('3');
  await page.getByLabel('fast to').fill('6');
  await page.getByLabel('fast step').fill('3');
  await page
    .getByRole('group', { name: 'Param slow' })
    .getByRole('button', { name: 'Swept' })
    .click();
  await page.getByLabel('slow from').fill('12');
  await page.getByLabel('slow to').fill('24');
  await page.getByLabel('slow step').fill('12');
  await page.getByLabel('Trend timeframe', { exact: true }).selectOption('H1');
  await page.getByLabel('Trend MA period', { exact: true }).fill('20');
  await page.getByLabel('Workers', { exact: true }).fill(workers);
  const planned = page.getByRole('status', { name: 'Jobs planned' });
  await expect.poll(() => planned.textContent(), { timeout: 30_000 }).toBe('4 jobs');
}

const headerStatus = () => page.locator('.screen-head .badge').first().textContent();
const shownSweepId = async () => (await page.locator('.screen-head h1 code').textContent())!;

describe('the Optimise screen through the web bridge', () => {
  let first: SweepDetail;

  it('runs a sweep set up from the param schema and shows every job, the best and the heatmap', async () => {
    await page.goto(backend.url);
    await setUpSweep('2');
    await screenshot(page, 'optimise-form');
    await page.getByRole('button', { name: 'Start sweep' }).click();
    await expect.poll(headerStatus, { timeout: 120_000 }).toBe('completed');
    first = sweep(await shownSweepId());
    expect(first.jobs.map((j) => j.status)).toEqual(Array(4).fill('completed'));
    expect(first.bestJob).not.toBeNull();

    const table = page.getByRole('table', { name: 'Jobs' });
    await expect.poll(() => table.getByRole('row').count()).toBe(5);
    await table.getByRole('row', { name: `Job ${first.bestJob} (best)` }).waitFor();
    const cells = page.getByRole('table', { name: /by fast and slow/ }).getByRole('button');
    expect(await cells.count()).toBe(4);
    await screenshot(page, 'optimise-sweep');
    // In the browser an export is a zip download (never a path on the server).
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 30_000 }),
      page.getByRole('button', { name: 'Export' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`sweep-${first.id}.zip`);
    const zipFile = path.join(dataDir, 'download.zip');
    await download.saveAs(zipFile);
    expect(Object.keys(unzipSync(fs.readFileSync(zipFile))).sort()).toEqual([
      'best.json',
      'jobs.csv',
    ]);
    await page.getByRole('status').filter({ hasText: 'Downloaded' }).waitFor({ timeout: 30_000 });

    const best = first.jobs[first.bestJob!]!;
    await page
      .getByRole('button', {
        name: new RegExp(`fast ${best.params.fast}, slow ${best.params.slow}:`),
      })
      .click();
    await expect
      .poll(() => page.getByText(/Profit factor/i).count(), { timeout: 30_000 })
      .toBeGreaterThan(0);
    expect(await page.locator('.screen-head').first().textContent()).toContain(best.runId!);
  });

  it('after a SIGKILL mid-sweep, the reloaded app offers the sweep; Resume finishes it with the uninterrupted results', async () => {
    await backend.stop();
    backend = await startWebBackend(dataDir, THROTTLE);
    await page.goto(backend.url);
    await setUpSweep('1');
    await page.getByRole('button', { name: 'Start sweep' }).click();
    await expect.poll(headerStatus, { timeout: 30_000 }).toBe('running');
    const id = await shownSweepId();
    expect(id).not.toBe(first.id);
    // Kill once a job has finished and the next is under way.
    await expect
      .poll(() => sweep(id).jobs.filter((j) => j.status === 'completed').length, {
        timeout: 120_000,
      })
      .toBeGreaterThan(0);
    await backend.kill();
    backend = await startWebBackend(dataDir);
    await page.goto(backend.url);
    const prompt = page.getByRole('dialog', { name: 'Resume interrupted sweep?' });
    await prompt.waitFor({ timeout: 30_000 });
    expect(await prompt.textContent()).toContain(id);
    await screenshot(page, 'sweep-resume-prompt');
    await prompt.getByRole('button', { name: 'Resume' }).click();
    await expect.poll(headerStatus, { timeout: 120_000 }).toBe('completed');
    // The sweep's interrupted job run is resumed with it, never offered by the run prompt.
    expect(await page.getByRole('dialog').count()).toBe(0);
    const resumed = sweep(id);
    expect(resumed.jobs.map((j) => [j.status, j.params, j.stats])).toEqual(
      first.jobs.map((j) => [j.status, j.params, j.stats]),
    );
    expect(resumed.bestJob).toBe(first.bestJob);
  });

  it('pauses a running sweep from its view and resumes it to the same results', async () => {
    await backend.stop();
    backend = await startWebBackend(dataDir, THROTTLE);
    await page.goto(backend.url);
    await setUpSweep('1');
    await page.getByRole('button', { name: 'Start sweep' }).click();
    await expect.poll(headerStatus, { timeout: 30_000 }).toBe('running');
    const id = await shownSweepId();
    await page.getByRole('button', { name: 'Pause' }).click();
    await expect.poll(headerStatus, { timeout: 60_000 }).toBe('paused');
    expect(sweep(id).status).toBe('paused');
    await page.getByRole('button', { name: 'Resume' }).click();
    await expect.poll(headerStatus, { timeout: 120_000 }).toBe('completed');
    expect(sweep(id).jobs.map((j) => j.stats)).toEqual(first.jobs.map((j) => j.stats));
  });

  it('runs a walk-forward sweep and shows its windows and the stitched out-of-sample statistics', async () => {
    await page.goto(backend.url);
    await setUpSweep('2');
    // fast 3|6 only, on 1-day windows: 2 windows of 2 in-sample jobs and 1 out-of-sample job;
    // M5 bars with an M15 trend so that a single day trades.
    await page
      .getByRole('group', { name: 'Param slow' })
      .getByRole('button', { name: 'Fixed' })
      .click();
    await page.getByLabel('Slow MA period', { exact: true }).fill('12');
    await page.getByLabel('Timeframe', { exact: true }).selectOption('M5');
    await page.getByLabel('Trend timeframe', { exact: true }).selectOption('M15');
    await page.getByLabel('Trend MA period', { exact: true }).fill('10');
    await page.getByLabel('Walk-forward', { exact: true }).check();
    await page.getByLabel('In-sample days').fill('1');
    await page.getByLabel('Out-of-sample days').fill('1');
    const planned = page.getByRole('status', { name: 'Jobs planned' });
    await expect
      .poll(() => planned.textContent(), { timeout: 30_000 })
      .toBe('6 jobs in 2 walk-forward windows');
    await page.getByRole('button', { name: 'Start sweep' }).click();
    await expect.poll(headerStatus, { timeout: 120_000 }).toBe('completed');
    const wf = sweep(await shownSweepId());
    const windows = page.getByRole('region', { name: 'Walk-forward windows' });
    const rows = windows.getByRole('row');
    await expect.poll(() => rows.count()).toBe(1 + wf.windows.length);
    for (const w of wf.windows) {
      const text = await rows.nth(1 + w.window).textContent();
      // Days, and the time too where the last window is clipped to the data's last tick.
      const day = (t: number) =>
        new Date(t)
          .toISOString()
          .slice(0, t % 86_400_000 === 0 ? 10 : 16)
          .replace('T', ' ');
      expect(text).toContain(`${day(w.inSample.from)} → ${day(w.inSample.to)}`);
      expect(text).toContain(`${day(w.outOfSample.from)} → ${day(w.outOfSample.to)}`);
    }
    expect(wf.jobs.filter((j) => j.phase === 'oos').map((j) => j.status)).toEqual([
      'completed',
      'completed',
    ]);
    expect(wf.oosStats).not.toBeNull();
    const stats = windows.getByRole('group', { name: 'Statistics' });
    const figure = (label: string) =>
      stats
        .locator('.bt-stat')
        .filter({ has: page.locator('dt', { hasText: new RegExp(`^${label}$`) }) })
        .locator('dd')
        .textContent();
    const money = new Intl.NumberFormat('en-US', {
      minimumFractionDigits: 2,
      maximumFractionDigits: 2,
    });
    expect(await figure('Trades')).toBe(String(wf.oosStats!.trades));
    expect(await figure('Net profit')).toBe(money.format(wf.oosStats!.netProfit!));
    await screenshot(page, 'optimise-walk-forward');
  });
});

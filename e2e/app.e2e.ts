/**
 * The desktop app's UI, end to end, in a real browser: the built renderer in Debian's Chromium,
 * talking to the real backend through the web bridge (the same contract Electron's IPC carries).
 * Covers the product's promise: a run killed mid-flight (SIGKILL of the backend process) is
 * offered for resume on reload, resumes with one click and ends with the export of a run that
 * was never interrupted. Screenshots of every screen land in test-output/e2e.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/main/services/db/database.ts';
import { exportRun } from '../src/main/services/runs/export-service.ts';
import { runBacktest } from '../src/main/services/runs/run-service.ts';
import { getRun, listRuns } from '../src/main/services/runs/run-store.ts';
import { launchBrowser, newPage, screenshot } from './browser.ts';
import { startWebBackend, type WebBackend } from './web-backend.ts';

// Slow enough that the run started from the UI is still running when the next test kills the
// backend under it (at 60 ms a step the 10-day run could end first on a busy machine).
const THROTTLE = { BACKTESTR_TEST_THROTTLE_MS: '200' };
let dataDir: string;
let browser: Browser;
let backend: WebBackend;
let page: Page;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'backtestr-e2e-'));
  browser = await launchBrowser();
  backend = await startWebBackend(dataDir, THROTTLE);
  page = await newPage(browser);
});

afterAll(async () => {
  await backend?.stop();
  await browser?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/**
 * At the page's 1440 px, the checkpoint report's label/value lists stay inside the panel and no
 * value overlaps a label (CAPTURE values once ran over the BARS CLOSED labels).
 */
async function inspectPanelFits(): Promise<void> {
  const report = page.getByRole('region', { name: /^Checkpoint \d+ report$/ });
  await report.waitFor({ timeout: 30_000 });
  type Box = { x: number; y: number; width: number; height: number; text: string };
  const boxesOf = async (selector: string): Promise<Box[]> =>
    Promise.all(
      (await report.locator(selector).all()).map(async (l) => ({
        ...(await l.boundingBox())!,
        text: (await l.textContent()) ?? '',
      })),
    );
  const boxes = {
    panel: { ...(await report.boundingBox())!, text: 'panel' },
    labels: await boxesOf('.bt-kv dt'),
    values: await boxesOf('.bt-kv dd'),
  };
  expect(boxes.values.length).toBeGreaterThan(10);
  const overlaps = (a: Box, b: Box) =>
    a.x < b.x + b.width - 0.5 &&
    b.x < a.x + a.width - 0.5 &&
    a.y < b.y + b.height - 0.5 &&
    b.y < a.y + a.height - 0.5;
  for (const v of boxes.values) {
    expect(v.x + v.width, `${v.text} inside the panel`).toBeLessThanOrEqual(
      boxes.panel.x + boxes.panel.width,
    );
    for (const l of boxes.labels) expect(overlaps(v, l), `${v.text} over ${l.text}`).toBe(false);
  }
}

/** Exports a run with the services, as `backtestr runs export` would; file name → content. */
function exported(runId: string): Map<string, string> {
  const db = openDatabase(dataDir);
  const out = fs.mkdtempSync(path.join(dataDir, 'cmp-'));
  try {
    exportRun(db, runId, out);
  } finally {
    db.close();
  }
  return new Map(
    fs
      .readdirSync(out)
      .sort()
      .map((f) => [f, fs.readFileSync(path.join(out, f), 'utf8')]),
  );
}

/** The same run, never interrupted, computed here with the services from the UI run's config. */
async function uninterruptedExport(runId: string): Promise<Map<string, string>> {
  const db = openDatabase(dataDir);
  const c = getRun(db, runId)!.config;
  const { runId: ref } = await runBacktest(db, dataDir, {
    symbols: c.symbols,
    from: c.from,
    to: c.to,
    timeframes: c.timeframes,
    indicators: c.indicators,
    price: c.price,
    historySize: c.historySize,
    strategy: c.strategy?.name ?? null,
    params: c.strategy?.params,
    account: c.account,
  });
  db.close();
  return exported(ref);
}

function runIds(): string[] {
  const db = openDatabase(dataDir);
  try {
    return listRuns(db).map((r) => r.id);
  } finally {
    db.close();
  }
}

function newestRun(): { id: string; status: string } {
  const db = openDatabase(dataDir);
  try {
    return listRuns(db).at(-1)!;
  } finally {
    db.close();
  }
}

async function waitForStatus(runId: string, status: string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const db = openDatabase(dataDir);
    const s = getRun(db, runId)?.status;
    db.close();
    if (s === status) return;
    if (Date.now() > deadline) throw new Error(`run ${runId} is ${s}, not ${status}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('the desktop UI through the web bridge', () => {
  let runId: string;

  it('generates demo data from the Data screen', async () => {
    await page.goto(backend.url);
    await expect.poll(() => page.getByText(/No data yet/i).count()).toBeGreaterThan(0);
    await screenshot(page, 'data-empty');
    await page.getByLabel('Symbol', { exact: true }).fill('EURUSD');
    await page.getByLabel('Start', { exact: true }).fill('2024-01-01');
    await page.getByLabel('Days', { exact: true }).fill('10');
    await page.getByLabel('Seed', { exact: true }).fill('1');
    await page.getByRole('button', { name: 'Generate' }).click();
    await page.getByRole('cell', { name: 'EURUSD' }).first().waitFor();
    await screenshot(page, 'data');
  });

  it('shows the failing line of a bad CSV import and imports nothing', async () => {
    const csv = path.join(dataDir, 'bad-ticks.csv');
    fs.writeFileSync(csv, 'timestamp,bid,ask\n1704067200000,1.1,1.1002\n1704067200100,1.2,1.1\n');
    await page.getByLabel('Tick CSV file').setInputFiles(csv);
    await page.getByLabel('Import symbol').fill('GBPUSD');
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    const alert = page.getByRole('alert');
    await expect.poll(() => alert.textContent()).toMatch(/bad-ticks\.csv:3: .*bid/);
    await screenshot(page, 'import-error');
    expect(await page.getByRole('cell', { name: 'GBPUSD' }).count()).toBe(0);
  });

  it('starts a backtest and shows progress and checkpoints on the timeline', async () => {
    await page
      .getByRole('link', { name: /New backtest/i })
      .or(page.getByRole('button', { name: /New backtest/i }))
      .first()
      .click();
    await page.getByLabel('Strategy').selectOption('rsi-reversion');
    await page.getByLabel(/every N ticks/i).fill('150000');
    await screenshot(page, 'new-backtest');
    await page.getByRole('button', { name: 'Start backtest' }).click();
    // A generous deadline: on a loaded machine the run's worker takes more than poll's default 1 s.
    await expect.poll(() => newestRun()?.status, { timeout: 30_000 }).toBe('running');
    runId = newestRun().id;
    await expect
      .poll(() => page.getByText(/ticks\/s/i).count(), { timeout: 30_000 })
      .toBeGreaterThan(0);
    // Live figures and the bars table arrive with the first progress events.
    await expect
      .poll(() => page.getByText(/Waiting for the first progress/i).count(), { timeout: 30_000 })
      .toBe(0);
    await page.waitForTimeout(1500);
    await screenshot(page, 'run');
    await page
      .getByRole('link', { name: /Checkpoints/ })
      .or(page.getByRole('button', { name: /^Checkpoints/ }))
      .first()
      .click();
    await expect.poll(() => page.getByRole('row').count(), { timeout: 30_000 }).toBeGreaterThan(2);
    await screenshot(page, 'checkpoints');
  });

  it('after a SIGKILL of the backend, the reloaded app offers Resume, and the resumed run equals an uninterrupted one', async () => {
    expect(newestRun().status).toBe('running');
    await backend.kill();
    backend = await startWebBackend(dataDir, THROTTLE);
    await page.goto(backend.url);
    const prompt = page.getByRole('dialog');
    await prompt.waitFor({ timeout: 30_000 });
    expect(await prompt.textContent()).toContain(runId);
    await screenshot(page, 'resume-prompt');
    await prompt.getByRole('button', { name: 'Resume' }).click();
    await waitForStatus(runId, 'completed');
    await page
      .getByRole('link', { name: /Results/ })
      .or(page.getByRole('button', { name: /^Results/ }))
      .first()
      .click();
    await expect
      .poll(() => page.getByText(/Profit factor/i).count(), { timeout: 30_000 })
      .toBeGreaterThan(0);
    await screenshot(page, 'results');
    expect(exported(runId)).toEqual(await uninterruptedExport(runId));
  });

  it('diffs two checkpoints and forks a new run from an older one', async () => {
    await page
      .getByRole('link', { name: /Checkpoints/ })
      .or(page.getByRole('button', { name: /^Checkpoints/ }))
      .first()
      .click();
    const boxes = page.getByRole('checkbox');
    await expect.poll(() => boxes.count(), { timeout: 30_000 }).toBeGreaterThan(2);
    await boxes.nth(0).check();
    await boxes.nth(1).check();
    await page.getByRole('button', { name: 'Diff' }).click();
    await page.getByRole('region', { name: 'Checkpoint diff' }).waitFor();
    await screenshot(page, 'checkpoint-diff');
    // The backend was SIGKILLed mid-run and the run resumed: the timeline marks both.
    await page.getByRole('img', { name: /^Crashed here \(after #\d+/ }).waitFor();
    await page.getByRole('img', { name: /^Resumed from #\d+ after the crash/ }).waitFor();
    await page.getByRole('row').nth(1).click();
    await inspectPanelFits();
    await page.getByRole('region', { name: /^Checkpoint \d+ report$/ }).scrollIntoViewIfNeeded();
    await screenshot(page, 'checkpoint-inspect');
    // The fork is the run that did not exist before the click — not simply the newest: the
    // previous test left its uninterrupted reference run in this folder too.
    const before = new Set(runIds());
    await page.getByRole('button', { name: 'Resume from here' }).click();
    // It asks first, with the strategy's params; unchanged, the fork equals the original.
    const dialog = page.getByRole('dialog', { name: /^Resume from checkpoint #\d+\?$/ });
    await dialog.getByRole('group', { name: 'Parameters for the new run' }).waitFor();
    await screenshot(page, 'resume-from-here');
    await dialog.getByRole('button', { name: 'Create the new run' }).click();
    await expect
      .poll(() => runIds().filter((id) => !before.has(id)).length, { timeout: 30_000 })
      .toBe(1);
    const fork = runIds().find((id) => !before.has(id))!;
    // "Resume from here" opens the fork's Run screen; only then is a click on Runs the last move
    // (clicked earlier, the screen's own navigation to the fork could land after it).
    await page.locator('h1', { hasText: fork }).waitFor({ timeout: 30_000 });
    await waitForStatus(fork, 'completed');
    expect(exported(fork)).toEqual(exported(runId));
    await page
      .getByRole('link', { name: /Runs/ })
      .or(page.getByRole('button', { name: /^Runs/ }))
      .first()
      .click();
    await page.getByRole('heading', { level: 1, name: 'Runs' }).waitFor();
    await page.getByText(fork).first().waitFor();
    await screenshot(page, 'runs');
  });
});

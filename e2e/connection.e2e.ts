/**
 * The connection banner, end to end: a run is going when the backend is SIGKILLed; the page says
 * it is disconnected within seconds and stops presenting the run as live; the backend restarts
 * on the same port (same data folder, hence same token) and the page, without a reload, drops
 * the banner and shows fresh state: the killed run offered for resume.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/main/services/db/database.ts';
import { listRuns } from '../src/main/services/runs/run-store.ts';
import { launchBrowser, newPage, screenshot } from './browser.ts';
import { startWebBackend, type WebBackend } from './web-backend.ts';

const THROTTLE = { BACKTESTR_TEST_THROTTLE_MS: '200' };
let dataDir: string;
let browser: Browser;
let backend: WebBackend;
let page: Page;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'backtestr-e2e-conn-'));
  browser = await launchBrowser();
  backend = await startWebBackend(dataDir, THROTTLE);
  page = await newPage(browser);
});

afterAll(async () => {
  await backend?.stop();
  await browser?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function newestStatus(): string | undefined {
  const db = openDatabase(dataDir);
  try {
    return listRuns(db).at(-1)?.status;
  } finally {
    db.close();
  }
}

describe('losing and regaining the backend', () => {
  it('shows the banner while the backend is gone and refreshes the views when it is back', async () => {
    await page.goto(backend.url);
    await page.getByLabel('Symbol', { exact: true }).fill('EURUSD');
    await page.getByLabel('Start', { exact: true }).fill('2024-01-01');
    await page.getByLabel('Days', { exact: true }).fill('3');
    await page.getByLabel('Seed', { exact: true }).fill('1');
    await page.getByRole('button', { name: 'Generate' }).click();
    await page.getByRole('cell', { name: 'EURUSD' }).first().waitFor();
    await page
      .getByRole('button', { name: /New backtest/i })
      .first()
      .click();
    await page.getByLabel('Strategy').selectOption('rsi-reversion');
    await page.getByRole('button', { name: 'Start backtest' }).click();
    await expect.poll(() => newestStatus(), { timeout: 30_000 }).toBe('running');
    const live = page.locator('.badge.status-running');
    await expect.poll(() => live.count(), { timeout: 30_000 }).toBeGreaterThan(0);
    const banner = page.getByRole('alert').filter({ hasText: 'Disconnected from the backend' });
    expect(await banner.count()).toBe(0);

    const port = Number(new URL(backend.url).port);
    await backend.kill();
    await banner.waitFor({ timeout: 5_000 });
    // Nothing claims the run is live any more: its state is unknown until the backend answers.
    await expect.poll(() => live.count()).toBe(0);
    expect(await page.locator('.badge.status-unknown').count()).toBeGreaterThan(0);
    await screenshot(page, 'disconnected');

    backend = await startWebBackend(dataDir, THROTTLE, port);
    await banner.waitFor({ state: 'detached', timeout: 15_000 });
    // Fresh state without a reload: the killed run is offered for resume.
    const prompt = page.getByRole('dialog');
    await prompt.waitFor({ timeout: 30_000 });
    expect(await prompt.textContent()).toMatch(/Resume/);
    expect(await page.locator('.badge.status-unknown').count()).toBe(0);
  });
});

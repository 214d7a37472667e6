// @vitest-environment happy-dom
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { ClusterSettings } from '../../../src/shared/dto.ts';
import { NewBacktestScreen } from '../../../src/renderer/src/screens/NewBacktestScreen.tsx';
import { OptimiseScreen } from '../../../src/renderer/src/screens/OptimiseScreen.tsx';
import { RunScreen } from '../../../src/renderer/src/screens/RunScreen.tsx';
import { RunsScreen } from '../../../src/renderer/src/screens/RunsScreen.tsx';
import { SettingsScreen } from '../../../src/renderer/src/screens/SettingsScreen.tsx';
import { STRATEGIES } from '../optimise/sweep-fixtures.ts';
import { installFakeApi, resetShell, runInfo, symbolSummary, type Handlers } from './fake-api.ts';

afterEach(resetShell);

const UNSET: ClusterSettings = { redisUrl: null, storeUrl: null, status: 'unset', error: null };
const SET: ClusterSettings = {
  redisUrl: 'redis://queue.lan:6379',
  storeUrl: 's3://bt-bucket/runs',
  status: 'idle',
  error: null,
};

const SPACE = {
  usageBytes: 0,
  files: 0,
  budgetBytes: 2 ** 31,
  settingBytes: null,
  autoBytes: 2 ** 31,
  freeBytes: 2 ** 36,
};

function settingsScreen(extra: Handlers = {}) {
  const fake = installFakeApi({
    'settings:checkpointSpace': () => SPACE,
    'checkpoints:gc': () => ({
      ...SPACE,
      dryRun: true,
      deleted: [],
      afterBytes: 0,
      protectedFiles: [],
    }),
    'settings:cluster': () => UNSET,
    ...extra,
  });
  render(<SettingsScreen />);
  return { fake, user: userEvent.setup() };
}

async function typeUrls(user: ReturnType<typeof userEvent.setup>, redis: string, store: string) {
  const form = await screen.findByRole('form', { name: 'Cluster' });
  const r = within(form).getByLabelText('Redis URL');
  const s = within(form).getByLabelText('Store URL');
  await user.clear(r);
  if (redis) await user.type(r, redis);
  await user.clear(s);
  if (store) await user.type(s, store);
  return form;
}

describe('Settings: Cluster', () => {
  it('shows what is wrong with a URL before sending anything', async () => {
    const { fake, user } = settingsScreen();
    const form = await typeUrls(user, 'http://queue:6379', 's3://B/x');
    await user.click(within(form).getByRole('button', { name: 'Save cluster' }));
    expect(within(form).getByText(/'http:' is not redis: or rediss:/)).toBeTruthy();
    expect(within(form).getByText(/'B' is not a valid bucket name/)).toBeTruthy();
    expect(fake.argsOf('settings:setCluster')).toEqual([]);
  });

  it('refuses a Redis password (it would be stored) and points to REDIS_PASSWORD', async () => {
    const { fake, user } = settingsScreen();
    const form = await typeUrls(user, 'redis://:hunter2@queue:6379', 's3://bt-bucket');
    await user.click(within(form).getByRole('button', { name: 'Save cluster' }));
    expect(within(form).getByText(/set REDIS_PASSWORD in the environment/)).toBeTruthy();
    await user.click(within(form).getByRole('button', { name: 'Test connection' }));
    expect(fake.argsOf('settings:setCluster')).toEqual([]);
    expect(fake.argsOf('settings:testCluster')).toEqual([]);
  });

  it('saves the URLs and shows the new status; empty fields forget the cluster', async () => {
    const { fake, user } = settingsScreen({
      'settings:setCluster': (urls) => (urls ? { ...urls, status: 'idle', error: null } : UNSET),
    });
    const form = await typeUrls(user, ' redis://queue.lan:6379/2 ', 's3://bt-bucket/team/a');
    expect(within(form).getByLabelText('Cluster status').textContent).toMatch(/Not set/);
    await user.click(within(form).getByRole('button', { name: 'Save cluster' }));
    await waitFor(() =>
      expect(fake.argsOf('settings:setCluster')).toEqual([
        { redisUrl: 'redis://queue.lan:6379/2', storeUrl: 's3://bt-bucket/team/a' },
      ]),
    );
    await waitFor(() =>
      expect(within(form).getByLabelText('Cluster status').textContent).toMatch(
        /connects at the first/,
      ),
    );
    await typeUrls(user, '', '');
    await user.click(within(form).getByRole('button', { name: 'Save cluster' }));
    await waitFor(() => expect(fake.argsOf('settings:setCluster').at(-1)).toBeNull());
  });

  it('tests the URLs as typed and shows either outcome', async () => {
    let reachable = true;
    const { fake, user } = settingsScreen({
      'settings:cluster': () => SET,
      'settings:testCluster': (urls) => ({
        reachable,
        redis: urls!.redisUrl,
        store: urls!.storeUrl,
        error: reachable ? null : 'connect ECONNREFUSED 10.0.0.9:6379',
        ms: 42.4,
      }),
    });
    const form = await screen.findByRole('form', { name: 'Cluster' });
    await waitFor(() =>
      expect((within(form).getByLabelText('Redis URL') as HTMLInputElement).value).toBe(
        SET.redisUrl,
      ),
    );
    await user.click(within(form).getByRole('button', { name: 'Test connection' }));
    expect((await within(form).findByRole('status')).textContent).toBe(
      'Reachable: redis://queue.lan:6379 and s3://bt-bucket/runs answered in 42 ms',
    );
    reachable = false;
    await typeUrls(user, 'redis://10.0.0.9:6379', 's3://bt-bucket/runs');
    await user.click(within(form).getByRole('button', { name: 'Test connection' }));
    await waitFor(() =>
      expect(within(form).getByRole('status').textContent).toMatch(
        /Not reachable: redis:\/\/10\.0\.0\.9:6379 .*ECONNREFUSED/,
      ),
    );
    expect(fake.argsOf('settings:testCluster')).toHaveLength(2);
    expect(fake.argsOf('settings:setCluster'), 'testing saves nothing').toEqual([]);
  });
});

function newBacktest(cluster: ClusterSettings) {
  const fake = installFakeApi({
    'data:list': () => [symbolSummary('EURUSD')],
    'settings:cluster': () => cluster,
    'runs:start': () => ({ runId: 'r-7' }),
    'runs:get': ({ runId }) => runInfo(runId),
  });
  render(<NewBacktestScreen />);
  return { fake, user: userEvent.setup() };
}

describe('"Run on the cluster"', () => {
  it('is disabled with a hint to Settings when no cluster is set, and the run goes local', async () => {
    const { fake, user } = newBacktest(UNSET);
    const box = (await screen.findByLabelText('Run on the cluster')) as HTMLInputElement;
    await screen.findByText(/No cluster set: enter its Redis and store URLs in Settings/);
    expect(box.disabled).toBe(true);
    await user.click(screen.getByRole('button', { name: 'Start backtest' }));
    await waitFor(() => expect(fake.argsOf('runs:start')).toHaveLength(1));
    expect(fake.argsOf('runs:start')[0]).not.toHaveProperty('cluster');
  });

  it('when a cluster is set, says where the run goes and sends cluster: true when ticked', async () => {
    const { fake, user } = newBacktest(SET);
    await screen.findByText(
      /go to redis:\/\/queue\.lan:6379 \(data and checkpoints: s3:\/\/bt-bucket\/runs\)/,
    );
    const box = screen.getByLabelText('Run on the cluster') as HTMLInputElement;
    expect([box.disabled, box.checked]).toEqual([false, false]);
    await user.click(box);
    await user.click(screen.getByRole('button', { name: 'Start backtest' }));
    await waitFor(() => expect(fake.argsOf('runs:start')).toHaveLength(1));
    expect(fake.argsOf('runs:start')[0]).toMatchObject({ symbols: ['EURUSD'], cluster: true });
  });

  it('on the Optimise form sends the sweep to the cluster', async () => {
    const fake = installFakeApi({
      'data:list': () => [symbolSummary('EURUSD')],
      'strategies:list': () => STRATEGIES,
      'settings:cluster': () => SET,
      'sweeps:plan': () => ({ jobs: 1, windows: 0, error: null }),
      'sweeps:start': () => ({ sweepId: 'sw-20261130-120000-abcd' }),
    });
    render(<OptimiseScreen />);
    const user = userEvent.setup();
    const box = (await screen.findByLabelText('Run on the cluster')) as HTMLInputElement;
    await waitFor(() => expect(box.disabled).toBe(false));
    await user.click(box);
    const fast = await screen.findByRole('group', { name: 'Param fast' });
    await user.click(within(fast).getByRole('button', { name: 'Swept' }));
    await user.click(screen.getByRole('button', { name: 'Start sweep' }));
    await waitFor(() => expect(fake.argsOf('sweeps:start')).toHaveLength(1));
    expect(fake.argsOf('sweeps:start')[0]).toMatchObject({ cluster: true });
  });
});

describe('cluster runs in the Runs list', () => {
  it('show the worker that ran them and where they resumed', async () => {
    const cluster = { redis: 'redis://q:6379/0', store: 's3://bt-bucket/runs' };
    installFakeApi({
      'runs:list': () => [
        runInfo('r-local', { status: 'completed' }),
        runInfo('r-queued', {
          cluster: { ...cluster, worker: null, attempt: null, resumedFrom: null },
        }),
        runInfo('r-fresh', {
          status: 'completed',
          cluster: { ...cluster, worker: 'box-a:311', attempt: 'box-a-311-1', resumedFrom: null },
        }),
        runInfo('r-moved', {
          status: 'completed',
          cluster: {
            ...cluster,
            worker: 'box-b:42',
            attempt: 'box-b-42-2',
            resumedFrom: { attempt: 'box-a-311-1', seq: 3, ticks: 150_000 },
          },
        }),
      ],
    });
    render(<RunsScreen />);
    const row = async (id: string) => (await screen.findByText(id)).closest('tr')!;
    expect((await row('r-local')).textContent).not.toMatch(/cluster/);
    expect((await row('r-queued')).textContent).toContain('on the cluster (redis://q:6379/0)');
    expect((await row('r-fresh')).textContent).toContain(
      'on the cluster: worker box-a:311, from tick 0',
    );
    expect((await row('r-moved')).textContent).toContain(
      'on the cluster: worker box-b:42, resumed from box-a-311-1 #3 at tick 150,000',
    );
  });
});

describe('a running cluster run on the Run screen', () => {
  it('says where it runs, keeps Checkpoint now off and explains the missing live bars', async () => {
    installFakeApi({
      'runs:get': ({ runId }) =>
        runInfo(runId, {
          cluster: {
            redis: 'redis://q:6379/0',
            store: 's3://bt-bucket/runs',
            worker: null,
            attempt: null,
            resumedFrom: null,
          },
        }),
    });
    render(<RunScreen runId="r-c1" />);
    expect(await screen.findByText('on the cluster (redis://q:6379/0)')).toBeTruthy();
    const toolbar = screen.getByRole('toolbar', { name: 'Run controls' });
    const button = (name: string) =>
      within(toolbar).getByRole('button', { name }) as HTMLButtonElement;
    await waitFor(() => expect(button('Pause').disabled).toBe(false));
    expect(button('Checkpoint now').disabled).toBe(true);
    expect(screen.getByText(/The bars being built stay on the worker/)).toBeTruthy();
  });
});

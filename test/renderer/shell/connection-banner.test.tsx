// @vitest-environment happy-dom
// The shell while the host reports the backend gone and back: the banner, the live status shown
// as unknown, and every view loading afresh on reconnection.
import { act, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConnectionEvent } from '../../../src/shared/connection.ts';
import type { RunInfo } from '../../../src/shared/dto.ts';
import { App } from '../../../src/renderer/src/App.tsx';
import { useNav } from '../../../src/renderer/src/store/nav.ts';
import { installFakeApi, resetShell, runInfo } from './fake-api.ts';

afterEach(resetShell);

async function setup() {
  let runs: RunInfo[] = [runInfo('run-a', { status: 'running' })];
  const listeners = new Set<(e: ConnectionEvent) => void>();
  const fake = installFakeApi(
    {
      'runs:list': () => runs,
      'runs:get': ({ runId }) => runs.find((r) => r.id === runId)!,
    },
    {
      onConnection(listener) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    },
  );
  render(<App />);
  await screen.findByText('/home/t/BackTestr');
  act(() => useNav.getState().go('runs', { runId: 'run-a' }));
  await screen.findByText('run-a', { selector: 'td' });
  const report = (state: ConnectionEvent['state'], since = Date.now()) =>
    act(() => listeners.forEach((l) => l({ state, since })));
  return { fake, report, setRuns: (next: RunInfo[]) => (runs = next), listeners };
}

const bannerText = /Disconnected from the backend — reconnecting…/;

describe('connection banner', () => {
  it('appears when the host reports the backend gone, with the time since', async () => {
    const { report } = await setup();
    expect(screen.queryByText(bannerText)).toBeNull();
    expect(screen.getAllByText('running').length).toBeGreaterThan(0);
    report('disconnected', Date.now() - 7_000);
    const alert = screen.getByText(bannerText).closest('[role="alert"]');
    expect(alert).not.toBeNull();
    expect(alert!.textContent).toMatch(/for 7 s/);
    // The run's last reported state is stale: shown as unknown, and the top bar stops counting it.
    expect(screen.queryAllByText('running')).toHaveLength(0);
    expect(screen.getAllByText('unknown').length).toBeGreaterThan(0);
    expect(screen.queryByText(/1 running/)).toBeNull();
  });

  it('goes away when the backend is back, and every view reloads', async () => {
    const { fake, report, setRuns } = await setup();
    report('disconnected');
    expect(screen.getByText(bannerText)).toBeTruthy();
    const listsBefore = fake.argsOf('runs:list').length;
    const infoBefore = fake.argsOf('app:info').length;
    const recoverableBefore = fake.argsOf('runs:recoverable').length;
    setRuns([runInfo('run-a', { status: 'interrupted' })]);
    report('connected');
    expect(screen.queryByText(bannerText)).toBeNull();
    await waitFor(() => expect(screen.getAllByText('interrupted').length).toBeGreaterThan(0));
    expect(fake.argsOf('runs:list').length).toBeGreaterThan(listsBefore);
    expect(fake.argsOf('app:info').length).toBeGreaterThan(infoBefore);
    // The recovery prompt asks again: the run that died with the backend is offered for resume.
    await waitFor(() =>
      expect(fake.argsOf('runs:recoverable').length).toBeGreaterThan(recoverableBefore),
    );
  });

  it('a host without connection reports never shows the banner', async () => {
    installFakeApi();
    render(<App />);
    await screen.findByText('/home/t/BackTestr');
    expect(screen.queryByText(bannerText)).toBeNull();
  });
});

// @vitest-environment happy-dom
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunInfo } from '../../../src/shared/dto.ts';
import { App } from '../../../src/renderer/src/App.tsx';
import { useNav } from '../../../src/renderer/src/store/nav.ts';
import { installFakeApi, resetShell, runInfo, symbolSummary } from './fake-api.ts';

afterEach(resetShell);

/** The App with the given runs, `current` opened (selected) on the Runs screen. */
async function setup(runs: RunInfo[], current?: string) {
  const fake = installFakeApi({
    'runs:list': () => runs,
    'runs:get': ({ runId }) => runs.find((r) => r.id === runId)!,
    'runs:resume': ({ runId }) => ({ runId, forkedFrom: null }),
    'data:list': () => [symbolSummary('EURUSD')],
  });
  const user = userEvent.setup();
  render(<App />);
  await screen.findByText('/home/t/BackTestr');
  if (current) {
    act(() => useNav.getState().go('runs', { runId: current }));
    await screen.findByText(current, { selector: 'td' });
  }
  return { fake, user };
}

describe('App shell', () => {
  it('shows the version and data folder from app:info and navigates from the left nav', async () => {
    const { user } = await setup([runInfo('r1')]);
    expect(screen.getByText(/v9\.9\.9/)).toBeTruthy();
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(within(nav).getByRole('button', { name: 'Data' }).getAttribute('aria-current')).toBe(
      'page',
    );
    // No run selected yet: no run entries.
    expect(within(nav).queryByRole('button', { name: 'Checkpoints' })).toBeNull();
    await user.click(within(nav).getByRole('button', { name: 'Runs' }));
    expect(await screen.findByRole('table', { name: 'Runs' })).toBeTruthy();
    expect(screen.getByText('1 running')).toBeTruthy();
  });

  it('shows the current run entries once a run is selected', async () => {
    const { user } = await setup([runInfo('r1')], 'r1');
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(within(nav).getByText('r1')).toBeTruthy();
    await user.click(within(nav).getByRole('button', { name: 'Checkpoints' }));
    expect(useNav.getState()).toMatchObject({ screen: 'checkpoints', params: { runId: 'r1' } });
  });

  it('Space pauses the current run when it is running', async () => {
    const { fake, user } = await setup([runInfo('r1')], 'r1');
    await user.keyboard(' ');
    await waitFor(() => expect(fake.argsOf('runs:pause')).toEqual([{ runId: 'r1' }]));
    expect(fake.argsOf('runs:resume')).toEqual([]);
  });

  it('Space resumes the current run when it is paused, and opens it', async () => {
    const { fake, user } = await setup([runInfo('r2', { status: 'paused' })], 'r2');
    await user.keyboard(' ');
    await waitFor(() => expect(fake.argsOf('runs:resume')).toEqual([{ runId: 'r2' }]));
    expect(fake.argsOf('runs:pause')).toEqual([]);
    expect(useNav.getState()).toMatchObject({ screen: 'run', params: { runId: 'r2' } });
  });

  it('C checkpoints the current run now; G goes to Runs', async () => {
    const { fake, user } = await setup([runInfo('r1')], 'r1');
    act(() => useNav.getState().go('data'));
    await user.keyboard('c');
    await waitFor(() => expect(fake.argsOf('runs:checkpointNow')).toEqual([{ runId: 'r1' }]));
    await user.keyboard('g');
    expect(useNav.getState().screen).toBe('runs');
  });

  it('shortcuts are off while typing in a field', async () => {
    const { fake, user } = await setup([runInfo('r1')], 'r1');
    act(() => useNav.getState().go('data'));
    const symbol = await screen.findByLabelText('Symbol');
    await user.click(symbol);
    await user.keyboard(' g');
    expect(fake.argsOf('runs:pause')).toEqual([]);
    expect(useNav.getState().screen).toBe('data');
  });

  it('without a selected run, Space only explains', async () => {
    const { fake, user } = await setup([runInfo('r1')]);
    await user.keyboard(' ');
    expect(await screen.findByText(/No run selected/)).toBeTruthy();
    expect(fake.argsOf('runs:pause')).toEqual([]);
  });

  it('? opens the shortcut help, Escape closes it', async () => {
    const { user } = await setup([]);
    await user.keyboard('?');
    const help = await screen.findByRole('dialog', { name: 'Keyboard shortcuts' });
    expect(within(help).getByText('Pause / resume the current run')).toBeTruthy();
    expect(within(help).getByText('Space')).toBeTruthy();
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it('shows the resume prompt on start when a run was interrupted', async () => {
    const run = runInfo('crashed', { status: 'interrupted' });
    installFakeApi({
      'runs:recoverable': () => [{ run, lastCheckpoint: null }],
    });
    render(<App />);
    const dialog = await screen.findByRole('dialog');
    expect(dialog.textContent).toContain('crashed');
    // The shortcuts stay off while the prompt is open.
    await userEvent.setup().keyboard('g');
    expect(useNav.getState().screen).toBe('data');
  });
});

// @vitest-environment happy-dom
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CheckpointInfo } from '../../../src/shared/dto.ts';
import { setApi } from '../../../src/renderer/src/api/index.ts';
import { CheckpointsScreen } from '../../../src/renderer/src/screens/CheckpointsScreen.tsx';
import { resetStores, useNav } from '../../../src/renderer/src/store/index.ts';
import {
  checkpoint,
  diffReport,
  fakeBackend,
  inspectReport,
  runInfo,
  type FakeBackend,
} from './fake-backend.ts';

let fake: FakeBackend;
let listed: CheckpointInfo[];

beforeEach(() => {
  resetStores();
  listed = [checkpoint(1), checkpoint(2, { trigger: 'manual' })];
  fake = fakeBackend({
    'runs:get': () => runInfo({ status: 'paused', ticksTotal: 10_000 }),
    'checkpoints:list': () => listed,
    'checkpoints:inspect': ({ seq }) => inspectReport(seq),
    'checkpoints:verify': ({ seq }) => ({ ok: true, message: `ckpt-${seq} verified` }),
    'checkpoints:diff': ({ a, b }) => diffReport(a, b),
    'checkpoints:delete': () => undefined,
    'checkpoints:exportSavepoint': ({ seq }) => ({
      file: `/data/exports/r1-savepoint-${seq}.btck`,
      bytes: 4321,
    }),
    'runs:resume': () => ({ runId: 'r2', forkedFrom: 'r1' }),
    'strategies:list': () => ({ strategies: [], errors: [] }),
  });
  setApi(fake.api);
});

afterEach(() => {
  cleanup();
  setApi(null);
  vi.restoreAllMocks();
});

const table = () => screen.getByRole('table', { name: 'Checkpoints' });
/** The body row whose Seq cell is `seq`. */
function row(seq: number): HTMLElement {
  const rows = within(table()).getAllByRole('row').slice(1);
  const found = rows.find((r) => within(r).getAllByRole('cell')[1]?.textContent === String(seq));
  if (!found) throw new Error(`no row for checkpoint ${seq}`);
  return found;
}
const button = (name: string) => screen.getByRole('button', { name }) as HTMLButtonElement;

describe('CheckpointsScreen', () => {
  it('lists the checkpoints and adds a row when checkpoint:written arrives', async () => {
    render(<CheckpointsScreen runId="r1" />);
    await waitFor(() => expect(within(table()).getAllByRole('row')).toHaveLength(3));
    expect(fake.callsOf('checkpoints:list')).toEqual([{ runId: 'r1' }]);
    const first = within(row(1));
    expect(first.getByText('1,000')).toBeTruthy();
    expect(first.getByText('10.0%')).toBeTruthy();
    expect(first.getByText('2024-01-01 12:00:00')).toBeTruthy();
    expect(first.getByText('interval')).toBeTruthy();
    expect(first.getByText('20.0 KB')).toBeTruthy();
    expect(first.getByText('valid')).toBeTruthy();
    expect(within(row(2)).getByText('manual')).toBeTruthy();
    // Markers on the timeline, one per checkpoint.
    const timeline = screen.getByRole('group', { name: 'Checkpoint timeline' });
    expect(within(timeline).getAllByRole('button')).toHaveLength(2);

    listed = [...listed, checkpoint(3, { trigger: 'ticks', ticks: 3000 })];
    fake.emit('checkpoint:written', {
      runId: 'r1',
      seq: 3,
      ticks: 3000,
      bytes: 4096,
      trigger: 'ticks',
      ok: true,
    });
    expect(row(3)).toBeTruthy();
    await waitFor(() => expect(fake.callsOf('checkpoints:list')).toHaveLength(2));
    await waitFor(() => expect(within(row(3)).getByText('2024-01-03 12:00:00')).toBeTruthy());
    expect(within(table()).getAllByRole('row')).toHaveLength(4);

    // Another run's checkpoint is not ours.
    fake.emit('checkpoint:written', {
      runId: 'other',
      seq: 9,
      ticks: 1,
      bytes: 1,
      trigger: 'end',
      ok: true,
    });
    expect(within(table()).getAllByRole('row')).toHaveLength(4);
  });

  it('Inspect shows the report of the selected checkpoint', async () => {
    const user = userEvent.setup();
    render(<CheckpointsScreen runId="r1" />);
    await waitFor(() => expect(within(table()).getAllByRole('row')).toHaveLength(3));
    expect(button('Inspect').disabled).toBe(true);

    await user.click(row(2));
    expect(row(2).getAttribute('aria-selected')).toBe('true');
    await user.click(button('Inspect'));
    expect(fake.callsOf('checkpoints:inspect').at(-1)).toEqual({ runId: 'r1', seq: 2 });

    const report = await screen.findByRole('region', { name: 'Checkpoint 2 report' });
    const r = within(report);
    expect(r.getByText('2,000 / 10,000')).toBeTruthy();
    expect(r.getByText('20.00%')).toBeTruthy();
    expect(r.getByText('10,250.50')).toBeTruthy(); // balance
    expect(r.getByText('10,262.75')).toBeTruthy(); // equity at capture
    const bars = within(r.getByRole('table', { name: 'Checkpoint partial bars' }));
    expect(bars.getByText('1.09987')).toBeTruthy();
    expect(bars.getByText('55.0%')).toBeTruthy();
    expect(bars.getByText('sma_20')).toBeTruthy();
    expect(bars.getAllByText('1.10012')).toHaveLength(2); // close and sma_20 (1.100123456)
    const positions = within(r.getByRole('table', { name: 'Checkpoint positions' }));
    expect(positions.getByText('long')).toBeTruthy();
    expect(positions.getByText('100,000.00')).toBeTruthy();
    expect(positions.getByText('1.09991')).toBeTruthy();
    expect(positions.getByText('12.25')).toBeTruthy();
    expect(r.getByLabelText('Strategy state').textContent).toBe(
      JSON.stringify({ lastCross: 'up', bars: 321 }, null, 2),
    );
  });

  it('Verify shows the result', async () => {
    const user = userEvent.setup();
    render(<CheckpointsScreen runId="r1" />);
    await waitFor(() => expect(within(table()).getAllByRole('row')).toHaveLength(3));
    await user.click(row(1));
    await user.click(button('Verify'));
    expect(fake.callsOf('checkpoints:verify')).toEqual([{ runId: 'r1', seq: 1 }]);
    await waitFor(() =>
      expect(screen.getByRole('status').textContent).toContain('Checkpoint #1 ok: ckpt-1 verified'),
    );
  });

  it('Export savepoint writes it and says where, and how to resume it elsewhere', async () => {
    const user = userEvent.setup();
    render(<CheckpointsScreen runId="r1" />);
    await waitFor(() => expect(within(table()).getAllByRole('row')).toHaveLength(3));
    await user.click(row(2));
    await user.click(button('Export savepoint'));
    expect(fake.callsOf('checkpoints:exportSavepoint')).toEqual([{ runId: 'r1', seq: 2 }]);
    await waitFor(() =>
      expect(screen.getByRole('status').textContent).toContain(
        'Savepoint of checkpoint #2 written: /data/exports/r1-savepoint-2.btck (4321 bytes)',
      ),
    );
    expect(screen.getByRole('status').textContent).toContain('backtestr resume --checkpoint');
  });

  it('Diff with two checkpoints ticked calls checkpoints:diff and shows the region', async () => {
    const user = userEvent.setup();
    render(<CheckpointsScreen runId="r1" />);
    await waitFor(() => expect(within(table()).getAllByRole('row')).toHaveLength(3));
    expect(button('Diff').disabled).toBe(true);
    await user.click(screen.getByRole('checkbox', { name: 'Compare checkpoint 2' }));
    expect(button('Diff').disabled).toBe(true);
    await user.click(screen.getByRole('checkbox', { name: 'Compare checkpoint 1' }));
    expect(button('Diff').disabled).toBe(false);
    await user.click(button('Diff'));
    expect(fake.callsOf('checkpoints:diff')).toEqual([{ runId: 'r1', a: 1, b: 2 }]);

    const region = within(await screen.findByRole('region', { name: 'Checkpoint diff' }));
    expect(region.getAllByText('+1,500').length).toBe(2); // ticks advanced, EURUSD ticks
    expect(region.getByText('+240')).toBeTruthy(); // M1 bars closed
    expect(region.getByText('+0.00025')).toBeTruthy(); // sma_20
    expect(region.getByText('1.10025')).toBeTruthy();
    expect(region.getByText('flat')).toBeTruthy();
    expect(region.getByText('short 50,000.00 @ 1.10031 (trade 3)')).toBeTruthy();
    expect(region.getByText('+125.50')).toBeTruthy(); // equity
    expect(region.getByText('-10.00')).toBeTruthy(); // balance
  });

  it('Resume from here forks from the selected checkpoint and opens the new run', async () => {
    const user = userEvent.setup();
    render(<CheckpointsScreen runId="r1" />);
    await waitFor(() => expect(within(table()).getAllByRole('row')).toHaveLength(3));
    await user.click(row(1));
    await user.click(button('Resume from here'));
    expect(fake.callsOf('runs:resume')).toEqual([]); // it asks first (resume-dialog.test.tsx)
    await user.click(await screen.findByRole('button', { name: 'Create the new run' }));
    expect(fake.callsOf('runs:resume')).toEqual([{ runId: 'r1', checkpoint: 1 }]);
    await waitFor(() =>
      expect(useNav.getState()).toMatchObject({ screen: 'run', params: { runId: 'r2' } }),
    );
  });

  it('Delete asks, deletes and shows what the backend refused', async () => {
    const user = userEvent.setup();
    const confirm = vi.fn().mockReturnValue(true);
    window.confirm = confirm;
    fake.handlers['checkpoints:delete'] = ({ seq }) => {
      if (seq === 2) throw new Error('checkpoint 2 is the newest valid one: resume needs it');
      listed = listed.filter((c) => c.seq !== seq);
    };
    render(<CheckpointsScreen runId="r1" />);
    await waitFor(() => expect(within(table()).getAllByRole('row')).toHaveLength(3));

    await user.click(row(2));
    await user.click(button('Delete'));
    expect(await screen.findByRole('alert')).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toContain('newest valid one');

    await user.click(row(1));
    await user.click(button('Delete'));
    expect(confirm).toHaveBeenCalledTimes(2);
    expect(fake.callsOf('checkpoints:delete')).toEqual([
      { runId: 'r1', seq: 2 },
      { runId: 'r1', seq: 1 },
    ]);
    await waitFor(() => expect(within(table()).getAllByRole('row')).toHaveLength(2));
  });

  it('selects a checkpoint from its timeline marker and switches the axis to progress', async () => {
    const user = userEvent.setup();
    render(<CheckpointsScreen runId="r1" />);
    await waitFor(() => expect(within(table()).getAllByRole('row')).toHaveLength(3));
    await user.click(screen.getByRole('button', { name: /^Checkpoint 1 marker/ }));
    expect(row(1).getAttribute('aria-selected')).toBe('true');
    expect(await screen.findByRole('region', { name: 'Checkpoint 1 report' })).toBeTruthy();
    await user.click(button('Progress %'));
    expect(button('Progress %').getAttribute('aria-pressed')).toBe('true');
    expect(screen.getByText('100%')).toBeTruthy();
  });
});

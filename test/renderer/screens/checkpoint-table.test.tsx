// @vitest-environment happy-dom
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CheckpointInfo } from '../../../src/shared/dto.ts';
import { setApi } from '../../../src/renderer/src/api/index.ts';
import { CheckpointsScreen } from '../../../src/renderer/src/screens/CheckpointsScreen.tsx';
import { resetStores } from '../../../src/renderer/src/store/index.ts';
import {
  checkpoint,
  fakeBackend,
  inspectReport,
  runInfo,
  type FakeBackend,
} from './fake-backend.ts';

let fake: FakeBackend;
let listed: CheckpointInfo[];

beforeEach(() => {
  resetStores();
  listed = [
    checkpoint(1, { status: 'deleted' }),
    checkpoint(2, { status: 'gc' }),
    checkpoint(3, { status: 'missing' }),
    checkpoint(4),
    checkpoint(5, { status: 'corrupt' }),
    checkpoint(6),
  ];
  fake = fakeBackend({
    'runs:get': () => runInfo({ status: 'paused', ticksTotal: 10_000 }),
    'checkpoints:list': () => listed,
    'checkpoints:inspect': ({ seq }) => inspectReport(seq),
  });
  setApi(fake.api);
});

afterEach(() => {
  cleanup();
  setApi(null);
});

const box = (seq: number) =>
  screen.getByRole('checkbox', { name: `Compare checkpoint ${seq}` }) as HTMLInputElement;
const diff = () => screen.getByRole('button', { name: 'Diff' }) as HTMLButtonElement;

describe('checkpoint table: checkpoints without a readable file', () => {
  it('cannot be ticked for Diff, and say why', async () => {
    const user = userEvent.setup();
    render(<CheckpointsScreen runId="r1" />);
    await waitFor(() => expect(screen.getAllByRole('checkbox')).toHaveLength(6));
    for (const seq of [1, 2, 3, 5]) expect(box(seq).disabled).toBe(true);
    expect(box(1).title).toContain('#1 was deleted');
    expect(box(2).title).toContain('disk budget');
    expect(box(3).title).toContain('missing');
    expect(box(5).title).toContain('damaged');
    expect(box(4).disabled).toBe(false);
    expect(box(4).title).toBe('');

    await user.click(box(1));
    await user.click(box(4));
    expect(box(1).checked).toBe(false);
    expect(diff().disabled).toBe(true); // one comparable tick only
    await user.click(box(6));
    expect(diff().disabled).toBe(false);
  });

  it('a ticked checkpoint deleted meanwhile drops out of the diff', async () => {
    const user = userEvent.setup();
    render(<CheckpointsScreen runId="r1" />);
    await waitFor(() => expect(screen.getAllByRole('checkbox')).toHaveLength(6));
    await user.click(box(4));
    await user.click(box(6));
    expect(diff().disabled).toBe(false);
    listed = listed.map((c) => (c.seq === 4 ? { ...c, status: 'gc' } : c));
    fake.emit('checkpoint:written', {
      runId: 'r1',
      seq: 7,
      ticks: 7000,
      bytes: 1,
      trigger: 'interval',
      ok: true,
    });
    await waitFor(() => expect(box(4).disabled).toBe(true));
    expect(box(4).checked).toBe(false);
    expect(diff().disabled).toBe(true);
  });

  it('the header counts the checkpoints with a file and says how many are deleted', async () => {
    render(<CheckpointsScreen runId="r1" />);
    const head = within(screen.getByRole('banner'));
    await waitFor(() => expect(head.getByText('3 checkpoints (3 deleted)')).toBeTruthy());
  });

  it('without deleted ones the count is plain', async () => {
    listed = [checkpoint(1)];
    render(<CheckpointsScreen runId="r1" />);
    const head = within(screen.getByRole('banner'));
    await waitFor(() => expect(head.getByText('1 checkpoint')).toBeTruthy());
  });
});

// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CheckpointInfo, RunResumeMark } from '../../../src/shared/dto.ts';
import { setApi } from '../../../src/renderer/src/api/index.ts';
import { CheckpointsScreen } from '../../../src/renderer/src/screens/CheckpointsScreen.tsx';
import { resetStores } from '../../../src/renderer/src/store/index.ts';
import { checkpoint, fakeBackend, runInfo, type FakeBackend } from './fake-backend.ts';

let fake: FakeBackend;
let listed: CheckpointInfo[];
let resumes: RunResumeMark[];

/** n checkpoints a simulated hour apart, as an interval policy writes them. */
const many = (n: number) =>
  Array.from({ length: n }, (_, i) =>
    checkpoint(i + 1, {
      ticks: (i + 1) * 1000,
      progressPct: ((i + 1) * 100) / n,
      simTime: Date.UTC(2024, 0, 1) + i * 3_600_000,
    }),
  );

beforeEach(() => {
  resetStores();
  listed = many(60);
  resumes = [];
  fake = fakeBackend({
    'runs:get': () => runInfo({ status: 'completed', ticksTotal: 60_000 }),
    'checkpoints:list': () => listed,
    'checkpoints:resumes': () => resumes,
  });
  setApi(fake.api);
});

afterEach(() => {
  cleanup();
  setApi(null);
});

const timeline = () => within(screen.getByRole('group', { name: 'Checkpoint timeline' }));
/** The seq labels drawn on the timeline (the markers' titles are not labels). */
const labels = () =>
  Array.from(document.querySelectorAll('.bt-marker > text')).map((t) => t.textContent);

describe('checkpoint timeline', () => {
  for (const n of [60, 200]) {
    it(`${n} checkpoints: a marker each, labels thinned, a hidden one shown on hover`, async () => {
      listed = many(n);
      render(<CheckpointsScreen runId="r1" />);
      await waitFor(() => expect(timeline().getAllByRole('button')).toHaveLength(n));
      const shown = labels();
      expect(shown.length).toBeGreaterThan(5);
      expect(shown.length).toBeLessThan(n);
      expect(shown).toContain('1');
      expect(shown).toContain(String(n));
      const hidden = listed.find((c) => !shown.includes(String(c.seq)))!;
      const marker = timeline().getByRole('button', {
        name: new RegExp(`^Checkpoint ${hidden.seq} marker`),
      });
      fireEvent.mouseEnter(marker);
      expect(labels()).toContain(String(hidden.seq));
      fireEvent.mouseLeave(marker);
      expect(labels()).not.toContain(String(hidden.seq));
    });
  }

  it('marks where the run crashed and where it was resumed, with a legend', async () => {
    resumes = [
      {
        wallTime: Date.UTC(2026, 0, 5, 10),
        fromSeq: 12,
        fromTicks: 12_000,
        afterSeq: 12,
        stoppedAtTicks: 12_700,
        ended: 'crashed',
      },
      {
        wallTime: Date.UTC(2026, 0, 5, 11),
        fromSeq: 40,
        fromTicks: 40_000,
        afterSeq: 40,
        stoppedAtTicks: 40_000,
        ended: 'paused',
      },
    ];
    render(<CheckpointsScreen runId="r1" />);
    const crash = await screen.findByRole('img', {
      name: 'Crashed here (after #12, at 12,700 ticks), resumed from #12',
    });
    expect(screen.getByRole('img', { name: 'Resumed from #12 after the crash' })).toBeTruthy();
    expect(screen.getByRole('img', { name: 'Resumed from #40 after a pause' })).toBeTruthy();
    // A paused session is no crash.
    expect(screen.getAllByRole('img', { name: /^Crashed here/ })).toHaveLength(1);
    // The checkpoints the marks are about keep their labels.
    expect(labels()).toEqual(expect.arrayContaining(['12', '40']));
    const legend = within(screen.getByRole('group', { name: 'Legend' }));
    expect(legend.getByText('crashed here')).toBeTruthy();
    expect(legend.getByText('resumed from')).toBeTruthy();
    fireEvent.mouseEnter(crash);
    expect(document.querySelector('.bt-timeline-info')!.textContent).toContain(
      'Crashed here (after #12',
    );
  });

  it("marks a fork's starting point with its parent", async () => {
    listed = [checkpoint(1, { trigger: 'fork' }), checkpoint(2), checkpoint(3)];
    fake.handlers['runs:get'] = () => ({
      ...runInfo({ status: 'completed', ticksTotal: 10_000 }),
      parentRunId: 'r0',
      parentSeq: 7,
    });
    render(<CheckpointsScreen runId="r1" />);
    expect(
      await screen.findByRole('img', { name: 'Forked from run r0 at its checkpoint #7' }),
    ).toBeTruthy();
    expect(screen.queryByRole('img', { name: /^Crashed/ })).toBeNull();
  });
});

/**
 * The checkpoint table: one row per checkpoint (seq, ticks, progress, simulated and wall time,
 * trigger, size, write timings, status). Clicking a row selects it; the checkbox marks it for a
 * diff (two at most) — disabled, with the reason as its title, when the file cannot be read.
 */
import type { KeyboardEvent } from 'react';
import type { CheckpointInfo } from '../../../../shared/dto.ts';
import { diffBlocker } from './checkpoint-status.ts';
import { bytes, count, fixed, utc, wall } from '../run/format.ts';

export function CheckpointTable({
  checkpoints,
  loaded,
  selected,
  checked,
  onSelect,
  onToggle,
}: {
  checkpoints: CheckpointInfo[];
  loaded: boolean;
  selected: number | null;
  checked: number[];
  onSelect: (seq: number) => void;
  onToggle: (seq: number) => void;
}) {
  return (
    <table className="grid bt-table bt-sticky-table" aria-label="Checkpoints">
      <thead>
        <tr>
          <th>Diff</th>
          <th className="num">Seq</th>
          <th className="num">Ticks</th>
          <th className="num">Progress</th>
          <th>Sim time (UTC)</th>
          <th>Written</th>
          <th>Trigger</th>
          <th className="num">Size</th>
          <th className="num">Pause ms</th>
          <th className="num">Write ms</th>
          <th>Status</th>
        </tr>
      </thead>
      <tbody>
        {checkpoints.length === 0 && (
          <tr>
            <td colSpan={11} className="muted">
              {loaded ? 'No checkpoints for this run.' : 'Loading…'}
            </td>
          </tr>
        )}
        {checkpoints.map((c) => {
          const onKey = (e: KeyboardEvent) => {
            if (e.target === e.currentTarget && (e.key === 'Enter' || e.key === ' ')) {
              e.preventDefault();
              onSelect(c.seq);
            }
          };
          const blocker = diffBlocker(c);
          return (
            <tr
              key={c.seq}
              className="bt-clickable"
              aria-selected={c.seq === selected}
              tabIndex={0}
              onClick={() => onSelect(c.seq)}
              onKeyDown={onKey}
            >
              <td onClick={(e) => e.stopPropagation()} title={blocker ?? undefined}>
                <input
                  type="checkbox"
                  aria-label={`Compare checkpoint ${c.seq}`}
                  title={blocker ?? undefined}
                  disabled={blocker !== null}
                  checked={blocker === null && checked.includes(c.seq)}
                  onChange={() => onToggle(c.seq)}
                />
              </td>
              <td className="num">{c.seq}</td>
              <td className="num">{count(c.ticks)}</td>
              <td className="num">{fixed(c.progressPct, 1)}%</td>
              <td className="num">{utc(c.simTime)}</td>
              <td className="num">{wall(c.wallTime)}</td>
              <td>{c.trigger}</td>
              <td className="num">{bytes(c.bytes)}</td>
              <td className="num">{fixed(c.pauseMs, 1)}</td>
              <td className="num">{fixed(c.writeMs, 1)}</td>
              <td className={`bt-status-${c.status}`}>{c.status}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/**
 * Every checkpoint of the run on one horizontal axis — simulated time or progress % — as a marker
 * whose colour is its status and whose shape is its trigger. Hovering shows when it was written,
 * its size and ticks; clicking (or Enter on a focused marker) selects it. Seq labels that would
 * overlap are left out (label-layout.ts) and show on hover or focus; crash, resume and fork marks
 * sit on the axis (TimelineMarks.tsx).
 */
import { useState, type KeyboardEvent } from 'react';
import type { CheckpointInfo, RunResumeMark } from '../../../../shared/dto.ts';
import { placeLabels, type LabelCandidate } from './label-layout.ts';
import { timelineMarks, valueAtTicks, type TimelineMark } from './timeline-marks.ts';
import { markGlyph, MARK_STYLE, TimelineMarks } from './TimelineMarks.tsx';
import { ChartBox } from '../run/ChartBox.tsx';
import { bytes, count, fixed, utc, utcDate, utcMinute, wall } from '../run/format.ts';

export type AxisMode = 'time' | 'progress';

/** CSS variables (styles.css), so the markers follow the theme. */
export const STATUS_COLORS: Record<CheckpointInfo['status'], string> = {
  valid: 'var(--ok)',
  corrupt: 'var(--danger)',
  failed: 'var(--warn)',
  deleted: 'var(--timeline-gone)',
  gc: 'var(--timeline-gone)',
  missing: 'var(--st-interrupted)',
};

const TRIGGERS = ['interval', 'ticks', 'manual', 'pause', 'shutdown', 'end', 'fork'] as const;

const HEIGHT = 96;
const LABEL_SIZE = 9;
const PAD = { left: 16, right: 16 };
const MARK_Y = 34;
const AXIS_Y = 58;
const R = 6;

/** SVG path of a trigger's marker centred on (0, 0). */
export function markerPath(trigger: string, r = R): string {
  switch (trigger) {
    case 'interval': // circle
      return `M ${-r} 0 a ${r} ${r} 0 1 0 ${2 * r} 0 a ${r} ${r} 0 1 0 ${-2 * r} 0 Z`;
    case 'ticks': // square
      return `M ${-r * 0.85} ${-r * 0.85} h ${1.7 * r} v ${1.7 * r} h ${-1.7 * r} Z`;
    case 'manual': // diamond
      return `M 0 ${-r * 1.2} L ${r * 1.2} 0 L 0 ${r * 1.2} L ${-r * 1.2} 0 Z`;
    case 'pause':
    case 'shutdown': // triangle pointing down: the run stopped here
      return `M ${-r} ${-r * 0.8} L ${r} ${-r * 0.8} L 0 ${r} Z`;
    case 'end': // triangle pointing up
      return `M ${-r} ${r * 0.8} L ${r} ${r * 0.8} L 0 ${-r} Z`;
    case 'fork': // plus
      return (
        `M ${-r * 0.35} ${-r} h ${r * 0.7} v ${r * 0.65} h ${r * 0.65} v ${r * 0.7} h ${-r * 0.65} ` +
        `v ${r * 0.65} h ${-r * 0.7} v ${-r * 0.65} h ${-r * 0.65} v ${-r * 0.7} h ${r * 0.65} Z`
      );
    default: // hexagon-ish for anything new
      return `M ${-r} 0 L ${-r / 2} ${-r} L ${r / 2} ${-r} L ${r} 0 L ${r / 2} ${r} L ${-r / 2} ${r} Z`;
  }
}

export function describe(c: CheckpointInfo): string {
  return (
    `#${c.seq} · ${c.trigger} · ${c.status} · written ${wall(c.wallTime)} · ` +
    `${bytes(c.bytes)} · ${count(c.ticks)} ticks (${fixed(c.progressPct, 1)}%) · sim ${utc(c.simTime)}`
  );
}

export function Timeline({
  checkpoints,
  mode,
  selected,
  onSelect,
  resumes = [],
  parent = null,
}: {
  checkpoints: CheckpointInfo[];
  mode: AxisMode;
  selected: number | null;
  onSelect: (seq: number) => void;
  /** Where the run was resumed in place (checkpoints:resumes). */
  resumes?: readonly RunResumeMark[];
  /** The run this one was forked from, if it was. */
  parent?: { runId: string; seq: number } | null;
}) {
  const [hover, setHover] = useState<number | null>(null);
  const [hoverMark, setHoverMark] = useState<TimelineMark | null>(null);
  const shown = hover ?? selected;
  const info = checkpoints.find((c) => c.seq === shown) ?? null;
  const marks = timelineMarks(checkpoints, resumes, parent);
  const marked = new Set(marks.flatMap((m) => m.seqs));
  const ends = new Set([checkpoints[0]?.seq, checkpoints.at(-1)?.seq]);
  const priorityOf = (seq: number) =>
    seq === selected ? 3 : marked.has(seq) ? 2 : ends.has(seq) ? 1 : 0;

  const times = checkpoints.map((c) => c.simTime).filter((t): t is number => t !== null);
  let [lo, hi] = mode === 'progress' ? [0, 100] : [Math.min(...times), Math.max(...times)];
  if (mode === 'time' && times.length === 0) [lo, hi] = [0, 1];
  if (hi <= lo) [lo, hi] = [lo - 3_600_000, hi + 3_600_000];
  const valueOf = (c: CheckpointInfo) => (mode === 'progress' ? c.progressPct : c.simTime);
  const tickLabel = (v: number) =>
    mode === 'progress' ? `${fixed(v, 0)}%` : hi - lo > 3 * 86_400_000 ? utcDate(v) : utcMinute(v);

  return (
    <div className="bt-timeline">
      <ChartBox height={HEIGHT} label="Checkpoint timeline" role="group">
        {(width, height) => {
          const x = (v: number) =>
            PAD.left + ((v - lo) / (hi - lo)) * Math.max(1, width - PAD.left - PAD.right);
          const ticks = Array.from({ length: 5 }, (_, i) => lo + ((hi - lo) * i) / 4);
          const candidates: LabelCandidate[] = [];
          for (const c of checkpoints) {
            const v = valueOf(c);
            if (v === null) continue;
            const text = String(c.seq);
            candidates.push({ key: c.seq, x: x(v), text, priority: priorityOf(c.seq) });
          }
          const labels = placeLabels(candidates, { minX: 0, maxX: width, fontSize: LABEL_SIZE });
          const markX = (m: TimelineMark) => {
            const v = valueAtTicks(checkpoints, m.ticks, mode);
            return v === null ? null : x(Math.max(lo, Math.min(hi, v)));
          };
          return (
            <svg width={width} height={height} aria-hidden={checkpoints.length === 0}>
              <line
                x1={PAD.left}
                x2={width - PAD.right}
                y1={AXIS_Y}
                y2={AXIS_Y}
                stroke="var(--timeline-axis)"
              />
              {ticks.map((t, i) => (
                <g key={i} transform={`translate(${x(t)},${AXIS_Y})`}>
                  <line y1={0} y2={4} stroke="var(--timeline-axis)" />
                  <text
                    y={17}
                    fontSize={10}
                    fill="var(--muted)"
                    textAnchor={i === 0 ? 'start' : i === 4 ? 'end' : 'middle'}
                  >
                    {tickLabel(t)}
                  </text>
                </g>
              ))}
              {checkpoints.map((c) => {
                const v = valueOf(c);
                if (v === null) return null;
                const isSelected = c.seq === selected;
                const label = labels.get(c.seq);
                const cx = x(v);
                const onKey = (e: KeyboardEvent) => {
                  if (e.key === 'Enter' || e.key === ' ') {
                    e.preventDefault();
                    onSelect(c.seq);
                  }
                };
                return (
                  <g
                    key={c.seq}
                    className={`bt-marker${isSelected ? ' bt-selected' : ''}`}
                    transform={`translate(${cx},${MARK_Y})`}
                    role="button"
                    tabIndex={0}
                    aria-label={`Checkpoint ${c.seq} marker, ${c.trigger}, ${c.status}`}
                    aria-pressed={isSelected}
                    onClick={() => onSelect(c.seq)}
                    onKeyDown={onKey}
                    onMouseEnter={() => setHover(c.seq)}
                    onMouseLeave={() => setHover(null)}
                    onFocus={() => setHover(c.seq)}
                    onBlur={() => setHover(null)}
                  >
                    <title>{describe(c)}</title>
                    <line
                      y1={R + 2}
                      y2={AXIS_Y - MARK_Y}
                      stroke={STATUS_COLORS[c.status]}
                      opacity={0.4}
                    />
                    <path
                      className="bt-marker-shape"
                      d={markerPath(c.trigger)}
                      fill={STATUS_COLORS[c.status]}
                      fillOpacity={c.status === 'valid' ? 0.9 : 0.6}
                      stroke="var(--bg)"
                    />
                    {label ? (
                      <text
                        x={label.left - cx}
                        y={-R - 4}
                        fontSize={LABEL_SIZE}
                        fill="var(--muted)"
                      >
                        {c.seq}
                      </text>
                    ) : (
                      hover === c.seq && (
                        // A thinned-out label, on hover or focus only: drawn over its neighbours.
                        <text
                          className="bt-marker-hover-label"
                          y={-R - 4}
                          fontSize={LABEL_SIZE}
                          fill="var(--text-strong)"
                          stroke="var(--bg)"
                          strokeWidth={3}
                          paintOrder="stroke"
                          textAnchor="middle"
                        >
                          {c.seq}
                        </text>
                      )
                    )}
                  </g>
                );
              })}
              <TimelineMarks
                marks={marks}
                xOf={markX}
                top={7}
                axisY={AXIS_Y}
                onHover={setHoverMark}
              />
            </svg>
          );
        }}
      </ChartBox>
      <div className="bt-legend">
        <span className="bt-timeline-info">
          {hoverMark
            ? hoverMark.text
            : info
              ? describe(info)
              : 'Hover a checkpoint for details; click to inspect it.'}
        </span>
      </div>
      <div className="bt-legend" role="group" aria-label="Legend">
        {Object.entries(STATUS_COLORS).map(([status, color]) => (
          <span key={status}>
            <i style={{ background: color }} />
            {status}
          </span>
        ))}
        {TRIGGERS.map((t) => (
          <span key={t}>
            <svg width={12} height={12} viewBox="-7 -7 14 14" aria-hidden>
              <path d={markerPath(t, 5)} fill="var(--muted)" />
            </svg>{' '}
            {t}
          </span>
        ))}
        {(Object.keys(MARK_STYLE) as (keyof typeof MARK_STYLE)[])
          .filter((k) => marks.some((m) => m.kind === k))
          .map((k) => (
            <span key={k}>
              <svg width={12} height={12} viewBox="-7 -7 14 14" aria-hidden>
                <path
                  d={markGlyph(k, 5)}
                  stroke={MARK_STYLE[k].color}
                  strokeWidth={2}
                  fill={k === 'resume' ? MARK_STYLE[k].color : 'none'}
                />
              </svg>{' '}
              {MARK_STYLE[k].legend}
            </span>
          ))}
      </div>
    </div>
  );
}

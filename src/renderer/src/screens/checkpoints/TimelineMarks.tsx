/**
 * The crash, resume and fork marks drawn on the checkpoint timeline (timeline-marks.ts says where
 * and what), each focusable with its explanation as title and accessible name. A resume or fork
 * is a glyph on the axis at its checkpoint; a crash is a cross above the marker row with a dashed
 * line down to the axis, so the two stay apart when a run crashed right after the checkpoint it
 * was resumed from (the usual case).
 */
import type { MarkKind, TimelineMark } from './timeline-marks.ts';

export const MARK_STYLE: Record<MarkKind, { color: string; legend: string }> = {
  crash: { color: 'var(--danger)', legend: 'crashed here' },
  resume: { color: 'var(--accent)', legend: 'resumed from' },
  fork: { color: 'var(--st-interrupted)', legend: 'forked from parent' },
};

/** SVG path of a mark's glyph centred on (0, 0). */
export function markGlyph(kind: MarkKind, r = 5): string {
  switch (kind) {
    case 'crash': // a cross
      return `M ${-r} ${-r} L ${r} ${r} M ${r} ${-r} L ${-r} ${r}`;
    case 'resume': // a play triangle: went on from here
      return `M ${-r * 0.7} ${-r} L ${r} 0 L ${-r * 0.7} ${r} Z`;
    case 'fork': // a branch
      return `M 0 ${r} L 0 0 L ${-r} ${-r} M 0 0 L ${r} ${-r}`;
  }
}

export function TimelineMarks({
  marks,
  xOf,
  top,
  axisY,
  onHover,
}: {
  marks: readonly TimelineMark[];
  /** The mark's x, or null when the axis cannot place it. */
  xOf: (m: TimelineMark) => number | null;
  top: number;
  axisY: number;
  onHover: (m: TimelineMark | null) => void;
}) {
  return (
    <g className="bt-history-marks">
      {marks.map((m) => {
        const x = xOf(m);
        if (x === null) return null;
        const { color } = MARK_STYLE[m.kind];
        return (
          <g
            key={m.key}
            className={`bt-history-mark bt-history-${m.kind}`}
            transform={`translate(${x},0)`}
            role="img"
            tabIndex={0}
            aria-label={m.text}
            onMouseEnter={() => onHover(m)}
            onMouseLeave={() => onHover(null)}
            onFocus={() => onHover(m)}
            onBlur={() => onHover(null)}
          >
            <title>{m.text}</title>
            {m.kind === 'crash' && (
              <line y1={top + 6} y2={axisY} stroke={color} strokeDasharray="3 3" opacity={0.7} />
            )}
            <path
              transform={`translate(0,${m.kind === 'crash' ? top : axisY})`}
              d={markGlyph(m.kind)}
              stroke={color}
              strokeWidth={2}
              fill={m.kind === 'resume' ? color : 'none'}
            />
          </g>
        );
      })}
    </g>
  );
}

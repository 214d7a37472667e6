/**
 * Which checkpoint labels the timeline can draw without two of them overlapping. With ~60
 * checkpoints on a 1440 px screen the seq numbers ran into each other; now labels that would touch
 * a placed one are left out (the marker stays, and its label shows on hover or focus). Labels that
 * matter are placed first — the selected checkpoint, crash/resume/fork marks, the first and last —
 * then the rest from left to right, which thins them evenly.
 */

export interface LabelCandidate {
  key: number;
  /** Centre of the label (the marker's x). */
  x: number;
  text: string;
  /** Higher goes first; 0 for an ordinary checkpoint. */
  priority: number;
}

export interface PlacedLabel {
  key: number;
  /** Left edge of the text (drawn with text-anchor start), kept inside the axis. */
  left: number;
  width: number;
}

/** Width of `text` at `fontSize` px: a digit of the UI font is ~0.6 em, plus a little slack. */
export function estimateWidth(text: string, fontSize: number): number {
  return Math.ceil(text.length * fontSize * 0.62) + 2;
}

/** The label's span centred on x, shifted inside [minX, maxX]. */
function span(c: LabelCandidate, width: number, minX: number, maxX: number): number {
  const left = c.x - width / 2;
  return Math.max(minX, Math.min(left, maxX - width));
}

/**
 * The labels to draw, by key; none overlaps another (at least `gap` px apart). Input order does
 * not matter: same candidates ⇒ same placement.
 */
export function placeLabels(
  candidates: readonly LabelCandidate[],
  opts: { minX: number; maxX: number; fontSize: number; gap?: number },
): Map<number, PlacedLabel> {
  const gap = opts.gap ?? 4;
  const order = [...candidates].sort(
    (a, b) => b.priority - a.priority || a.x - b.x || a.key - b.key,
  );
  // Placed spans sorted by left edge: a new span can only touch its neighbours there.
  const spans: { left: number; right: number }[] = [];
  const placed = new Map<number, PlacedLabel>();
  for (const c of order) {
    const width = estimateWidth(c.text, opts.fontSize);
    const left = span(c, width, opts.minX, opts.maxX);
    const right = left + width;
    let lo = 0;
    let hi = spans.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (spans[mid].left < left) lo = mid + 1;
      else hi = mid;
    }
    const before = spans[lo - 1];
    const after = spans[lo];
    if (before && before.right + gap > left) continue;
    if (after && right + gap > after.left) continue;
    spans.splice(lo, 0, { left, right });
    placed.set(c.key, { key: c.key, left, width });
  }
  return placed;
}

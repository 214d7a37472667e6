/**
 * A backend error, verbatim and selectable (e.g. `ticks.csv:12: bad price '1.2x'`), in a live
 * region so it is announced and tests find it by role="alert".
 */
export function ErrorPanel({
  message,
  title = 'Error',
  onDismiss,
}: {
  message: string | null;
  title?: string;
  onDismiss?: () => void;
}) {
  if (!message) return null;
  return (
    <div role="alert" className="error-panel">
      <div className="error-head">
        <strong>{title}</strong>
        {onDismiss && (
          <button type="button" className="icon-btn" aria-label="Dismiss error" onClick={onDismiss}>
            ×
          </button>
        )}
      </div>
      <pre className="error-text">{message}</pre>
    </div>
  );
}

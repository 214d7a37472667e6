/**
 * What the report warns about (e.g. a strategy that made no trade because its indicators never
 * became ready within the data): a banner above the figures, so an empty report is explained.
 */
export function ReportWarnings({ warnings }: { warnings: string[] }) {
  if (warnings.length === 0) return null;
  return (
    <div className="panel bt-warnings" role="region" aria-label="Warnings">
      <ul>
        {warnings.map((w) => (
          <li key={w}>{w}</li>
        ))}
      </ul>
    </div>
  );
}

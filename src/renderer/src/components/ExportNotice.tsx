import type { ExportOutcome } from '../api/index.ts';

/**
 * What an export gave, in the words of the host: the zip the browser downloaded (never a path on
 * the server), or the folder on this machine the files were written to.
 */
export function ExportNotice({ outcome }: { outcome: ExportOutcome }) {
  if (outcome.kind === 'download') {
    return (
      <>
        Downloaded <code>{outcome.name}</code>
      </>
    );
  }
  return (
    <>
      Exported to <code className="path">{outcome.dir}</code>: {outcome.files.join(', ')}
    </>
  );
}

import type { BackTestrApi } from '../../shared/api.ts';

const CLI_EXAMPLES: readonly { readonly command: string; readonly what: string }[] = [
  { command: 'npx backtestr data generate …', what: 'store deterministic synthetic ticks' },
  { command: 'npx backtestr data import FILE …', what: 'import a tick CSV' },
  { command: 'npx backtestr run …', what: 'run the engine over stored ticks' },
  { command: 'npx backtestr runs export …', what: 'write the bars of a run as CSV' },
  { command: 'npx backtestr --help', what: 'every command and option' },
];

export function App() {
  // Absent only if the preload did not run (e.g. the page opened outside Electron).
  const api: BackTestrApi | undefined = window.api;

  return (
    <main className="app">
      <header className="app-header">
        <h1>BackTestr</h1>
        <span className="muted">
          v{api?.version ?? '?'} · {api?.platform ?? 'unknown platform'}
        </span>
      </header>
      <section className="panel">
        <h2>The desktop interface is coming</h2>
        <p>
          For now the backtesting engine is available from the command line; it uses the same data
          folder as this app.
        </p>
        <table className="cli">
          <tbody>
            {CLI_EXAMPLES.map(({ command, what }) => (
              <tr key={command}>
                <td>
                  <code>{command}</code>
                </td>
                <td className="muted">{what}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </main>
  );
}

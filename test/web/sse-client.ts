// A child process for web-api tests: Node's own EventSource (--experimental-eventsource) drives
// createWebApi().on(). Commands on stdin ("on <event>", "off <event>"), JSON lines on stdout.
import readline from 'node:readline';
import { createWebApi } from '../../src/renderer/src/api/web-api.ts';
import type { EventName } from '../../src/shared/contract.ts';

const [baseUrl, token] = process.argv.slice(2);
const api = createWebApi({ baseUrl, token, reconnectMs: 100 });
const subscriptions = new Map<string, () => void>();
const say = (msg: unknown): void => void process.stdout.write(`${JSON.stringify(msg)}\n`);

readline.createInterface({ input: process.stdin }).on('line', (line) => {
  const [command, event] = line.split(' ') as [string, EventName];
  if (command === 'on') {
    subscriptions.set(
      event,
      api.on(event, (payload) => say({ event, payload })),
    );
  } else if (command === 'off') {
    subscriptions.get(event)?.();
    subscriptions.delete(event);
  } else if (command === 'exit') {
    process.exit(0);
  }
  say({ ack: line });
});
say({ ready: typeof globalThis.EventSource });

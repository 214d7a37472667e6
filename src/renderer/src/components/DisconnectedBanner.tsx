/**
 * The bar across the top while the backend is unreachable (store/connection.ts): it says so and
 * for how long, and goes away by itself when the backend is back.
 */
import { useEffect, useState } from 'react';
import { useConnection } from '../store/connection.ts';

function since(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  return s < 60 ? `${s} s` : `${Math.floor(s / 60)} min ${s % 60} s`;
}

export function DisconnectedBanner() {
  const disconnected = useConnection((s) => s.state === 'disconnected');
  // Mounted only while disconnected, so its clock starts fresh each time.
  return disconnected ? <Banner /> : null;
}

function Banner() {
  const from = useConnection((s) => s.since);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return (
    <div role="alert" className="disconnected-banner">
      <strong>Disconnected from the backend — reconnecting…</strong>{' '}
      <span className="muted">
        for {since(now - from)}; what this page shows may be out of date.
      </span>
    </div>
  );
}

import { useEffect, useState } from 'react';
import { formatExpiry, type Expiry } from './format';

/**
 * A live countdown to `expiresAt` (null when there is none). Ticks every second so "9:05" counts
 * down visibly; only the component showing it re-renders.
 */
export function useExpiry(expiresAt: string | undefined): Expiry | null {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!expiresAt) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [expiresAt]);
  return expiresAt ? formatExpiry(expiresAt, now) : null;
}

// Small display formatters shared by the screens.

export function formatAge(iso: string | undefined, now: number): string {
  if (!iso) return 'never';
  const then = Date.parse(iso);
  if (Number.isNaN(then)) return 'unknown';
  const seconds = Math.max(0, Math.round((now - then) / 1000));
  if (seconds < 45) return 'just now';
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} h ago`;
  return `${Math.round(hours / 24)} days ago`;
}

export type ExpiryState = 'ok' | 'soon' | 'expired';

/** Temporary credentials under this much time left are flagged (amber). */
export const EXPIRY_SOON_MS = 10 * 60_000;

export interface Expiry {
  state: ExpiryState;
  /** Compact countdown for the title bar: "3d", "2h 05m", "42m", "9:05", "expired". */
  short: string;
  /** Words for the Connection screen: "expires in 42 min 10 s", "expired 3 min ago". */
  text: string;
}

/** A live countdown to `iso`; seconds are shown only when it matters (under ten minutes). */
export function formatExpiry(iso: string, now: number): Expiry {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return { state: 'ok', short: '', text: iso };
  const leftMs = at - now;
  if (leftMs <= 0) {
    const ago = Math.floor(-leftMs / 60_000);
    return { state: 'expired', short: 'expired', text: ago < 1 ? 'expired just now' : `expired ${formatDuration(ago)} ago` };
  }
  const seconds = Math.floor(leftMs / 1000);
  const minutes = Math.floor(seconds / 60);
  if (leftMs < EXPIRY_SOON_MS) {
    const rest = String(seconds % 60).padStart(2, '0');
    return { state: 'soon', short: `${minutes}:${rest}`, text: `expires in ${minutes} min ${rest} s` };
  }
  const hours = Math.floor(minutes / 60);
  const short = hours >= 48 ? `${Math.floor(hours / 24)}d` : hours > 0 ? `${hours}h ${String(minutes % 60).padStart(2, '0')}m` : `${minutes}m`;
  return { state: 'ok', short, text: `expires in ${formatDuration(minutes)}` };
}

function formatDuration(minutes: number): string {
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours >= 48) return `${Math.floor(hours / 24)} days`;
  const rest = minutes % 60;
  return rest ? `${hours} h ${rest} min` : `${hours} h`;
}

export function formatTokens(count: number): string {
  if (count >= 1_000_000) return `${+(count / 1_000_000).toFixed(1)}M`;
  if (count >= 1_000) return `${+(count / 1_000).toFixed(count >= 10_000 ? 0 : 1)}K`;
  return String(count);
}

export function formatMs(ms: number): string {
  return ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`;
}

export const formatInteger = (n: number): string => n.toLocaleString('en-US');

/** USD for token costs: small amounts keep their significant digits; null (price unknown) is "unknown", never $0. */
export function formatUsd(value: number | null | undefined): string {
  if (value === null || value === undefined) return 'unknown';
  if (value === 0) return '$0.00';
  if (value < 0.0001) return '<$0.0001';
  if (value < 1) return `$${value.toFixed(4)}`;
  return `$${value.toFixed(2)}`;
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1_000_000) return `${(bytes / 1_000_000).toFixed(1)} MB`;
  if (bytes >= 1_000) return `${Math.round(bytes / 1_000)} KB`;
  return `${bytes} B`;
}

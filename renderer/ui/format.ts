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

/** "in 42 min" / "expired 3 min ago" for temporary credentials. */
export function formatExpiry(iso: string, now: number): { text: string; expired: boolean; soon: boolean } {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return { text: iso, expired: false, soon: false };
  const minutes = Math.round((at - now) / 60_000);
  if (minutes < 0) return { text: `expired ${formatDuration(-minutes)} ago`, expired: true, soon: false };
  return { text: `expires in ${formatDuration(minutes)}`, expired: false, soon: minutes < 10 };
}

function formatDuration(minutes: number): string {
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
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

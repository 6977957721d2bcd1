import type { DiscoveryState } from '../../../shared/types';
import { formatAge } from '../../ui/format';
import { useNow } from '../../ui/useNow';

const CACHE_LABEL: Record<NonNullable<DiscoveryState['cache']>, string> = {
  network: 'fresh from AWS',
  memory: 'from cache',
  disk: 'from cache on disk',
};

function intervalLabel(seconds: number | undefined): string | undefined {
  if (seconds === undefined) return undefined;
  if (seconds === 0) return 'no cache (refreshInterval 0)';
  if (seconds % 3600 === 0) return `refreshed every ${seconds / 3600} h`;
  if (seconds >= 60) return `refreshed every ${Math.round(seconds / 60)} min`;
  return `refreshed every ${seconds} s`;
}

/** Whether discovery is on and why, where it looked, how old the list is and where it came from. */
export function DiscoveryStatus({ discovery, refreshing }: { discovery: DiscoveryState; refreshing: boolean }) {
  const now = useNow(15_000);
  const every = intervalLabel(discovery.refreshInterval);
  return (
    <div className="discovery-status" data-testid="discovery-status" data-enabled={discovery.enabled} data-cache={discovery.cache} data-stale={discovery.stale === true}>
      <span className={`status-dot ${discovery.enabled ? (discovery.stale ? 'dot-warn' : 'dot-good') : 'dot-off'}`} aria-hidden="true" />
      <span>Discovery {discovery.enabled ? 'on' : 'off'}</span>
      <span className="muted">— {discovery.reason}</span>
      <span className="discovery-meta">
        <span className="mono">{discovery.region}</span>
        {discovery.enabled && (
          <span data-testid="cache-age" title={[discovery.fetchedAt ? `Fetched ${new Date(discovery.fetchedAt).toLocaleString()}` : undefined, every].filter(Boolean).join(' · ')}>
            fetched {formatAge(discovery.fetchedAt, now)}
            {discovery.cache && ` · ${CACHE_LABEL[discovery.cache]}`}
          </span>
        )}
        {discovery.enabled && discovery.stale && (
          <span className="chip chip-warn" data-testid="discovery-stale" title={`Older than the refresh interval${every ? ` (${every})` : ''}; ${refreshing ? 'refreshing now' : 'a refresh is due or failed'}.`}>
            {refreshing ? 'stale · refreshing' : 'stale'}
          </span>
        )}
      </span>
    </div>
  );
}

import type { DiscoveryState } from '../../../shared/types';
import { formatAge } from '../../ui/format';
import { useNow } from '../../ui/useNow';

/** Whether discovery is on and why, where it looked, and how old the cached list is. */
export function DiscoveryStatus({ discovery }: { discovery: DiscoveryState }) {
  const now = useNow();
  return (
    <div className="discovery-status" data-testid="discovery-status" data-enabled={discovery.enabled}>
      <span className={`status-dot ${discovery.enabled ? 'dot-good' : 'dot-off'}`} aria-hidden="true" />
      <span>Discovery {discovery.enabled ? 'on' : 'off'}</span>
      <span className="muted">— {discovery.reason}</span>
      <span className="discovery-meta">
        <span className="mono">{discovery.region}</span>
        {discovery.enabled && (
          <span title={discovery.fetchedAt ? new Date(discovery.fetchedAt).toLocaleString() : undefined}>
            fetched {formatAge(discovery.fetchedAt, now)}
          </span>
        )}
      </span>
    </div>
  );
}

// Always-visible answer to "which credentials, which region?", in the title bar.
import { useConnectionStore } from '../stores/connection-store';
import { useNavigationStore } from '../stores/navigation-store';
import { regionOriginName, shortSourceLabel } from '../features/connection/credential-labels';
import { formatExpiry } from '../ui/format';
import { useNow } from '../ui/useNow';

export function CredentialIndicator() {
  const view = useConnectionStore((s) => s.view);
  const error = useConnectionStore((s) => s.error);
  const go = useNavigationStore((s) => s.go);
  const now = useNow();

  if (!view) {
    return (
      <div className="credential-indicator is-muted" data-testid="credential-indicator" data-source="unknown">
        {error ? 'Not connected' : 'Resolving credentials…'}
      </div>
    );
  }

  const { credentials, region } = view;
  const expiry = credentials.expiresAt ? formatExpiry(credentials.expiresAt, now) : null;
  const tone = credentials.source === 'none' || expiry?.expired ? 'is-warning' : '';

  return (
    <button
      type="button"
      className={`credential-indicator ${tone}`}
      data-testid="credential-indicator"
      data-source={credentials.source}
      title={`${credentials.label} — open Connection`}
      aria-label={`Credentials: ${shortSourceLabel(credentials)}, region ${region.region} from ${regionOriginName(region.origin)}`}
      onClick={() => go('connection')}
    >
      <span className={`status-dot ${credentials.source === 'none' ? 'dot-bad' : expiry?.expired ? 'dot-bad' : 'dot-good'}`} aria-hidden="true" />
      <span className="indicator-source" data-testid="credential-source">
        {shortSourceLabel(credentials)}
      </span>
      {expiry && <span className={expiry.expired || expiry.soon ? 'indicator-expiry is-warning' : 'indicator-expiry'}>{expiry.text}</span>}
      <span className="indicator-sep" aria-hidden="true" />
      <span className="indicator-region" data-testid="credential-region">
        {region.region} · {regionOriginName(region.origin)}
      </span>
    </button>
  );
}

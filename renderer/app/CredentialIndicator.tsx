// Always-visible answer to "which credentials, which region?", in the title bar: the source and
// the chain provider that answered, a warning when they cannot be used, the countdown of
// temporary credentials, and the region with where it came from.
import { useConnectionStore } from '../stores/connection-store';
import { useNavigationStore } from '../stores/navigation-store';
import { problemShortText, regionOriginName, shortSourceLabel } from '../features/connection/credential-labels';
import { useExpiry } from '../ui/useExpiry';

export function CredentialIndicator() {
  const view = useConnectionStore((s) => s.view);
  const error = useConnectionStore((s) => s.error);
  const go = useNavigationStore((s) => s.go);
  const expiry = useExpiry(view?.credentials.expiresAt);

  if (!view) {
    return (
      <div className="credential-indicator is-muted" data-testid="credential-indicator" data-source="unknown">
        {error ? 'Not connected' : 'Resolving credentials…'}
      </div>
    );
  }

  const { credentials, region, problem } = view;
  const none = credentials.source === 'none';
  const expired = expiry?.state === 'expired';
  const dot = none || expired ? 'dot-bad' : problem || expiry?.state === 'soon' ? 'dot-warn' : 'dot-good';
  const source = shortSourceLabel(credentials, view.profiles);
  const origin = regionOriginName(region.origin);
  const warning = problem && !none ? problemShortText(problem) : undefined;
  const spoken = [
    `Credentials: ${source}`,
    warning,
    expiry ? (expired ? 'expired' : `expires in ${expiry.short}`) : undefined,
    `region ${region.region} from ${origin}`,
  ].filter(Boolean);

  return (
    <button
      type="button"
      className={`credential-indicator ${none || expired || problem ? 'is-warning' : ''}`}
      data-testid="credential-indicator"
      data-source={credentials.source}
      data-provider={credentials.provider ?? ''}
      data-problem={problem?.code ?? ''}
      title={`${credentials.label}${problem ? ` — ${problem.message}` : ''} — open Connection`}
      aria-label={spoken.join(', ')}
      onClick={() => go('connection')}
    >
      <span className={`status-dot ${dot}`} aria-hidden="true" />
      <span className="indicator-source" data-testid="credential-source">
        {source}
      </span>
      {warning && (
        <span className="indicator-problem" data-testid="indicator-problem">
          {warning}
        </span>
      )}
      {expiry && (
        <span className={`indicator-expiry is-${expiry.state}`} data-testid="indicator-expiry" data-state={expiry.state} title={expiry.text}>
          {expired ? 'expired' : `${expiry.short} left`}
        </span>
      )}
      <span className="indicator-sep" aria-hidden="true" />
      <span className="indicator-region" data-testid="credential-region">
        {region.region} · {origin}
      </span>
    </button>
  );
}

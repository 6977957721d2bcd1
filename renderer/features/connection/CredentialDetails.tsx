// The credential view as the backend resolved it: masked, never a secret.
import type { CallerIdentity, ConnectionView } from '../../../shared/types';
import { useConnectionStore } from '../../stores/connection-store';
import { formatAge } from '../../ui/format';
import { useExpiry } from '../../ui/useExpiry';
import { useNow } from '../../ui/useNow';
import { refreshCredentials } from './connection-actions';
import { providerName, regionOriginExplanation, regionOriginName } from './credential-labels';

function ExpiryValue({ expiresAt, temporary }: { expiresAt?: string; temporary?: boolean }) {
  const expiry = useExpiry(expiresAt);
  if (!expiry || !expiresAt) {
    return (
      <dd data-testid="credential-expiry" data-state="unknown">
        {temporary ? 'temporary credentials (no expiry reported)' : 'long-term credentials (no expiry)'}
      </dd>
    );
  }
  const tone = expiry.state === 'expired' ? 'text-bad' : expiry.state === 'soon' ? 'text-warn' : undefined;
  return (
    <dd data-testid="credential-expiry" data-state={expiry.state}>
      <span className={tone} role="timer">
        {expiry.text}
      </span>{' '}
      <span className="muted">({new Date(expiresAt).toLocaleString()})</span>
    </dd>
  );
}

export function CredentialDetails({ view, identity }: { view: ConnectionView; identity?: CallerIdentity }) {
  const now = useNow();
  const { credentials, region } = view;
  const showExpiry = credentials.temporary || credentials.expiresAt !== undefined;
  const profileOrigin = view.selectedProfile ? 'picked here' : credentials.source === 'profile' ? 'AWS_PROFILE' : undefined;
  return (
    <dl className="details" data-testid="credential-details">
      <dt>Source</dt>
      <dd data-testid="detail-source">{credentials.label}</dd>
      {credentials.provider && (
        <>
          <dt>Provider</dt>
          <dd data-testid="detail-provider" data-provider={credentials.provider}>
            {providerName(credentials.provider)}
          </dd>
        </>
      )}
      {credentials.maskedKeyId && (
        <>
          <dt>Access key</dt>
          <dd className="mono" data-testid="detail-key-id">
            {credentials.maskedKeyId}
          </dd>
        </>
      )}
      {credentials.profile && (
        <>
          <dt>Profile</dt>
          <dd data-testid="detail-profile">
            <span className="mono">{credentials.profile}</span>
            {profileOrigin && <span className="muted"> ({profileOrigin})</span>}
          </dd>
        </>
      )}
      {showExpiry && (
        <>
          <dt>Expiry</dt>
          <ExpiryValue expiresAt={credentials.expiresAt} temporary={credentials.temporary} />
        </>
      )}
      <dt>Region</dt>
      <dd data-testid="detail-region" data-origin={region.origin}>
        <span className="mono">{region.region}</span> <span className="chip">{regionOriginName(region.origin)}</span>{' '}
        <span className="muted">{regionOriginExplanation(region.origin)}</span>
      </dd>
      {identity ? (
        // From the last Test connection (STS GetCallerIdentity); cleared when the credentials change.
        <div className="details-group" data-testid="caller-identity">
          <dt>Account</dt>
          <dd className="mono selectable" data-testid="detail-account">
            {identity.account}
          </dd>
          <dt>Caller</dt>
          <dd className="mono selectable" data-testid="detail-caller-arn">
            {identity.callerArn}
          </dd>
        </div>
      ) : (
        <>
          <dt>Account</dt>
          <dd className="muted" data-testid="detail-account">
            run Test connection to find out
          </dd>
        </>
      )}
      <dt>Resolved</dt>
      <dd data-testid="detail-resolved-at" data-resolved-at={view.resolvedAt} title={new Date(view.resolvedAt).toLocaleString()}>
        {formatAge(view.resolvedAt, now)} <span className="muted">({new Date(view.resolvedAt).toLocaleTimeString()})</span>
      </dd>
      <dt>Config file</dt>
      <dd className="mono selectable" data-testid="detail-config-path">
        {view.configPath}
      </dd>
      {view.sandbox && (
        <>
          <dt>Mode</dt>
          <dd>Sandbox — requests go to the built-in Bedrock emulator, not AWS.</dd>
        </>
      )}
    </dl>
  );
}

/** The Credentials panel: details plus the refresh that re-runs the chain. */
export function CredentialsPanel({ view }: { view: ConnectionView }) {
  const refreshing = useConnectionStore((s) => s.refreshing);
  const identity = useConnectionStore((s) => s.testResult?.identity);
  return (
    <section className="panel" aria-labelledby="credentials-title">
      <div className="panel-header">
        <h2 id="credentials-title">Credentials</h2>
        {!view.sandbox && (
          <button type="button" className="button" onClick={() => void refreshCredentials()} disabled={refreshing} aria-busy={refreshing}>
            Refresh credentials
          </button>
        )}
      </div>
      <CredentialDetails view={view} identity={identity} />
    </section>
  );
}

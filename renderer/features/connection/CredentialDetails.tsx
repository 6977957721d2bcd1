import type { ConnectionView } from '../../../shared/types';
import { formatExpiry } from '../../ui/format';
import { useNow } from '../../ui/useNow';
import { providerName, regionOriginName } from './credential-labels';

/** The credential view as the backend resolved it: masked, never a secret. */
export function CredentialDetails({ view }: { view: ConnectionView }) {
  const now = useNow();
  const { credentials, region } = view;
  const expiry = credentials.expiresAt ? formatExpiry(credentials.expiresAt, now) : null;
  return (
    <dl className="details" data-testid="credential-details">
      <dt>Source</dt>
      <dd data-testid="detail-source">{credentials.label}</dd>
      {credentials.provider && (
        <>
          <dt>Provider</dt>
          <dd>{providerName(credentials.provider)}</dd>
        </>
      )}
      {credentials.maskedKeyId && (
        <>
          <dt>Access key</dt>
          <dd className="mono">{credentials.maskedKeyId}</dd>
        </>
      )}
      {credentials.profile && (
        <>
          <dt>Profile</dt>
          <dd className="mono">{credentials.profile}</dd>
        </>
      )}
      {(credentials.temporary || expiry) && (
        <>
          <dt>Expiry</dt>
          <dd className={expiry?.expired ? 'text-bad' : expiry?.soon ? 'text-warn' : undefined}>
            {expiry ? `${expiry.text} (${new Date(credentials.expiresAt as string).toLocaleString()})` : 'temporary credentials'}
          </dd>
        </>
      )}
      <dt>Region</dt>
      <dd data-testid="detail-region">
        <span className="mono">{region.region}</span> <span className="muted">from {regionOriginName(region.origin)}</span>
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

// Shown when no credentials were found: what to set, and a way to try the app without AWS.
import { useConnectionStore } from '../../stores/connection-store';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { switchToSandbox } from './connection-actions';

export function NoCredentialsGuide() {
  const enabling = useConnectionStore((s) => s.enablingSandbox);
  const error = useConnectionStore((s) => s.sandboxError);
  return (
    <section className="panel panel-attention" aria-labelledby="no-credentials-title" data-testid="no-credentials">
      <h2 id="no-credentials-title">No AWS credentials found</h2>
      <p>Bedrock Desk uses the AWS SDK credential chain. Set one of these before starting the app, then reopen it:</p>
      <ul className="setup-list">
        <li>
          <code>AWS_PROFILE=your-profile</code> — a profile from <code>~/.aws/config</code> or <code>~/.aws/credentials</code>
        </li>
        <li>
          <code>AWS_ACCESS_KEY_ID</code> + <code>AWS_SECRET_ACCESS_KEY</code> (and <code>AWS_SESSION_TOKEN</code> for temporary keys)
        </li>
        <li>
          <code>AWS_BEARER_TOKEN_BEDROCK</code> — a Bedrock API key
        </li>
        <li>
          For IAM Identity Center (SSO): <code>aws sso login --profile your-profile</code>
        </li>
        <li>
          Region: <code>AWS_REGION</code> (or <code>AWS_DEFAULT_REGION</code>); otherwise <code>us-east-1</code>
        </li>
      </ul>
      <div className="sandbox-offer">
        <button type="button" className="button button-primary button-large" onClick={() => void switchToSandbox()} disabled={enabling}>
          {enabling ? 'Starting sandbox…' : 'Use Sandbox'}
        </button>
        <span className="muted">No AWS account? Try everything against the built-in Bedrock emulator, clearly labelled as such.</span>
      </div>
      {error && <ErrorNotice error={error} compact />}
    </section>
  );
}

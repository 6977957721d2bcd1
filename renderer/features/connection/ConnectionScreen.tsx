import { useConnectionStore } from '../../stores/connection-store';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { Loading } from '../../ui/States';
import { CredentialDetails } from './CredentialDetails';
import { NoCredentialsGuide } from './NoCredentialsGuide';
import { TestConnectionPanel } from './TestConnectionPanel';

export function ConnectionScreen() {
  const view = useConnectionStore((s) => s.view);
  const loading = useConnectionStore((s) => s.loading);
  const error = useConnectionStore((s) => s.error);
  const load = useConnectionStore((s) => s.load);

  return (
    <div className="screen-scroll" data-testid="connection-screen">
      <header className="screen-header">
        <h1>Connection</h1>
        <button type="button" className="button" onClick={() => void load()} disabled={loading}>
          Reload
        </button>
      </header>
      {error && <ErrorNotice error={error} onRetry={() => void load()} />}
      {!view && !error && <Loading label="Resolving credentials…" />}
      {view && (
        <>
          {view.credentials.source === 'none' && <NoCredentialsGuide />}
          <section className="panel" aria-labelledby="credentials-title">
            <h2 id="credentials-title">Credentials</h2>
            <CredentialDetails view={view} />
          </section>
          {view.credentials.source !== 'none' && <TestConnectionPanel />}
        </>
      )}
    </div>
  );
}

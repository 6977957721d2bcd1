// The Moltbot config file, read-only for now: where it is, what it says, and whether it parses.
import { useConfigStore } from '../../stores/config-store';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { Empty, Loading } from '../../ui/States';
import { ConfigText } from './ConfigText';

export function ConfigScreen() {
  const view = useConfigStore((s) => s.view);
  const error = useConfigStore((s) => s.error);
  const loading = useConfigStore((s) => s.loading);
  const load = useConfigStore((s) => s.load);

  return (
    <div className="screen-scroll" data-testid="config-screen">
      <header className="screen-header">
        <h1>Config</h1>
        <div className="header-spacer" />
        <button type="button" className="button" onClick={() => void load()} disabled={loading}>
          Reload
        </button>
      </header>
      {error && <ErrorNotice error={error} onRetry={() => void load()} />}
      {!view && !error && <Loading label="Reading config…" />}
      {view && (
        <>
          <section className="panel">
            <dl className="details">
              <dt>File</dt>
              <dd className="mono selectable" data-testid="config-path">
                {view.path}
              </dd>
              <dt>Exists</dt>
              <dd data-testid="config-exists">{view.exists ? 'Yes' : 'No — it will be created when you save settings'}</dd>
              <dt>Primary model</dt>
              <dd className="mono" data-testid="config-primary">
                {view.primaryModel ?? <span className="muted">not set (agents.defaults.model.primary)</span>}
              </dd>
            </dl>
          </section>
          {view.parseError && (
            <div className="notice notice-error" role="alert" data-testid="config-parse-error">
              <div className="notice-body">
                <div className="notice-message">
                  The file does not parse as JSON5: {view.parseError.message}
                </div>
                <div className="notice-hint">
                  Line {view.parseError.line}, column {view.parseError.column}
                </div>
              </div>
            </div>
          )}
          {view.exists ? (
            <ConfigText text={view.text} errorLine={view.parseError?.line} />
          ) : (
            <Empty title="No config file yet">Bedrock Desk works with defaults until one is written.</Empty>
          )}
        </>
      )}
    </div>
  );
}

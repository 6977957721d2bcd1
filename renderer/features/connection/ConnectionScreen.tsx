// "Which credentials, which region, and does it work?" — answered top to bottom: what is wrong
// (if anything), how Moltbot would differ, what was resolved, which profile, and the live test.
import { useConnectionStore } from '../../stores/connection-store';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { Loading } from '../../ui/States';
import { CredentialsPanel } from './CredentialDetails';
import { MoltbotNote } from './MoltbotNote';
import { NoCredentialsGuide } from './NoCredentialsGuide';
import { ProblemPanel } from './ProblemPanel';
import { ProfilePicker } from './ProfilePicker';
import { TestConnectionPanel } from './TestConnectionPanel';

export function ConnectionScreen() {
  const view = useConnectionStore((s) => s.view);
  const error = useConnectionStore((s) => s.error);
  const load = useConnectionStore((s) => s.load);
  const none = view?.credentials.source === 'none';
  // With no credentials at all the guide says it better than a bare NoCredentials notice.
  const problem = view?.problem && !(none && view.problem.code === 'NoCredentials') ? view.problem : undefined;

  return (
    <div className="screen-scroll" data-testid="connection-screen">
      <header className="screen-header">
        <h1>Connection</h1>
      </header>
      {error && <ErrorNotice error={error} onRetry={() => void load()} />}
      {!view && !error && <Loading label="Resolving credentials…" />}
      {view && (
        <>
          {none && <NoCredentialsGuide />}
          {problem && <ProblemPanel problem={problem} />}
          {view.moltbot.differs && <MoltbotNote moltbot={view.moltbot} sandbox={view.sandbox} />}
          <CredentialsPanel view={view} />
          {!view.sandbox && <ProfilePicker view={view} />}
          {!none && <TestConnectionPanel />}
        </>
      )}
    </div>
  );
}

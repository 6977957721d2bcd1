// Why the credentials found cannot be used, and exactly what to run or change.
import type { AppError } from '../../../shared/errors';
import { HintWithCommands } from '../../ui/HintWithCommands';
import { problemShortText } from './credential-labels';

export function ProblemPanel({ problem }: { problem: AppError }) {
  return (
    <section className="panel panel-problem" role="alert" aria-labelledby="problem-title" data-testid="connection-problem" data-error-code={problem.code}>
      <div className="problem-head">
        <span className="status-dot dot-warn" aria-hidden="true" />
        <h2 id="problem-title">{problemShortText(problem)}</h2>
        <span className="notice-code">{problem.code}</span>
      </div>
      <p className="problem-message">{problem.message}</p>
      {problem.hint && <HintWithCommands hint={problem.hint} />}
      <p className="muted problem-after">When it is fixed, press Refresh credentials below.</p>
    </section>
  );
}

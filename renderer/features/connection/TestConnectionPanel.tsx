// "Test connection": who am I, can I list models, can I invoke — step by step, with the fix for each failure.
import type { ConnectionTestStep } from '../../../shared/types';
import { useConnectionStore } from '../../stores/connection-store';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { HintWithCommands } from '../../ui/HintWithCommands';
import { formatMs } from '../../ui/format';

const STATUS_TEXT: Record<ConnectionTestStep['status'], string> = { pass: 'Passed', fail: 'Failed', skipped: 'Skipped' };

function StepRow({ step }: { step: ConnectionTestStep }) {
  return (
    <li className={`test-step step-${step.status}`} data-testid={`test-step-${step.id}`} data-status={step.status}>
      <span className={`step-icon icon-${step.status}`} aria-label={STATUS_TEXT[step.status]} role="img">
        {step.status === 'pass' ? '✓' : step.status === 'fail' ? '✕' : '–'}
      </span>
      <div className="step-main">
        <div className="step-title">
          <span>{step.label}</span>
          <span className="step-ms">{step.status === 'skipped' ? '' : formatMs(step.ms)}</span>
        </div>
        {step.detail && <div className="step-detail mono selectable">{step.detail}</div>}
        {step.error && (
          <div className="step-error" data-testid="step-error" data-error-code={step.error.code}>
            <div>
              {step.error.message} <span className="notice-code">{step.error.code}</span>
            </div>
            {step.error.hint && <HintWithCommands hint={step.error.hint} />}
          </div>
        )}
      </div>
    </li>
  );
}

export function TestConnectionPanel() {
  const testing = useConnectionStore((s) => s.testing);
  const result = useConnectionStore((s) => s.testResult);
  const error = useConnectionStore((s) => s.testError);
  const runTest = useConnectionStore((s) => s.runTest);
  const allPassed = result !== null && result.steps.every((step) => step.status !== 'fail');

  return (
    <section className="panel" aria-labelledby="test-title" data-testid="connection-test">
      <div className="panel-header">
        <h2 id="test-title">Connection test</h2>
        <button type="button" className="button button-primary" onClick={() => void runTest()} disabled={testing}>
          {testing ? 'Testing…' : 'Test connection'}
        </button>
      </div>
      {!result && !error && !testing && (
        <p className="muted">Checks who you are (STS GetCallerIdentity), whether you can list Bedrock models, and whether a model answers.</p>
      )}
      {testing && !result && <p className="muted" role="status">Testing…</p>}
      {error && <ErrorNotice error={error} onRetry={() => void runTest()} />}
      {result && (
        <div aria-busy={testing} data-testid="connection-test-result" data-outcome={allPassed ? 'pass' : 'fail'}>
          <ol className="test-steps">
            {result.steps.map((step) => (
              <StepRow key={step.id} step={step} />
            ))}
          </ol>
        </div>
      )}
    </section>
  );
}

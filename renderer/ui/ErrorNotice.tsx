// An AppError for people: what went wrong, what to do, and the code for searching.
import type { AppError } from '../../shared/errors';
import { HintText } from './HintText';

interface Props {
  error: AppError;
  /** Shown as a button when the error is worth retrying. */
  onRetry?: () => void;
  compact?: boolean;
  testId?: string;
}

export function ErrorNotice({ error, onRetry, compact = false, testId = 'error-notice' }: Props) {
  return (
    <div className={compact ? 'notice notice-error notice-compact' : 'notice notice-error'} role="alert" data-testid={testId} data-error-code={error.code}>
      <div className="notice-body">
        <div className="notice-message">
          {error.message} <span className="notice-code">{error.code}</span>
        </div>
        {error.hint && (
          <div className="notice-hint" data-testid="error-hint">
            <HintText hint={error.hint} />
          </div>
        )}
      </div>
      {onRetry && (
        <button type="button" className="button" onClick={onRetry}>
          Retry
        </button>
      )}
    </div>
  );
}

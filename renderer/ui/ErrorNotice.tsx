// An AppError for people: what went wrong, what to do, and the code for searching.
import type { ReactNode } from 'react';
import type { AppError } from '../../shared/errors';
import { HintText } from './HintText';

interface Props {
  error: AppError;
  /** Shown as a button when the error is worth retrying. */
  onRetry?: () => void;
  compact?: boolean;
  testId?: string;
  /** A line under the hint, e.g. what the screen shows meanwhile. */
  children?: ReactNode;
}

export function ErrorNotice({ error, onRetry, compact = false, testId = 'error-notice', children }: Props) {
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
        {children && <div className="notice-extra">{children}</div>}
      </div>
      {onRetry && (
        <button type="button" className="button" onClick={onRetry}>
          Retry
        </button>
      )}
    </div>
  );
}

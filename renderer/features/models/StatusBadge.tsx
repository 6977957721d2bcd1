import type { ModelStatus } from '../../../shared/types';
import { STATUS_LABEL } from './model-status';

/** "Ready", "Via profile", "No access"…; the message is the tooltip, the details panel says more. */
export function StatusBadge({ status }: { status: ModelStatus }) {
  return (
    <span className={`status-badge status-${status.kind}`} data-testid="model-status" data-status={status.kind} title={status.message}>
      {STATUS_LABEL[status.kind]}
    </span>
  );
}

export function PrimaryBadge() {
  return (
    <span className="chip chip-primary" data-testid="primary-badge" title="agents.defaults.model.primary">
      Primary
    </span>
  );
}

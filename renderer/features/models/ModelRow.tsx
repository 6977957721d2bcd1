import { memo } from 'react';
import type { ModelSummary } from '../../../shared/types';
import { formatTokens } from '../../ui/format';
import { invocationLabel } from './model-filter';
import { statusOf } from './model-status';
import { PrimaryBadge, StatusBadge } from './StatusBadge';

interface Props {
  model: ModelSummary;
  primary: boolean;
  selected: boolean;
  onChat(modelId: string): void;
  onSelect(modelId: string): void;
}

export const MODEL_ROW_HEIGHT = 52;

/** One formatter for every row: `toLocaleString()` builds a new one per call (the same output). */
const integer = new Intl.NumberFormat();

/** One line of the models browser; fixed height so the list can be windowed. Click it for details. */
export const ModelRow = memo(function ModelRow({ model, primary, selected, onChat, onSelect }: Props) {
  const invocation = invocationLabel(model);
  const status = statusOf(model);
  const canChat = model.invocation.mode !== 'provisioned-only';
  return (
    <div
      className={selected ? 'model-row is-selected' : 'model-row'}
      data-testid="model-row"
      data-model-id={model.id}
      data-selected={selected}
      onClick={() => onSelect(model.id)}
    >
      <div className="col-name">
        <div className="model-name" title={model.name}>
          <button type="button" className="model-name-button" aria-label={`Details of ${model.name}`} aria-pressed={selected}>
            {model.name}
          </button>
          {primary && <PrimaryBadge />}
          {model.lifecycle === 'LEGACY' && status.kind !== 'legacy' && <span className="chip chip-warn">legacy</span>}
          {model.filteredOut && (
            <span className="chip" title={`Left out by Moltbot's discovery: ${model.filteredOut}`}>
              filtered out
            </span>
          )}
        </div>
        <div className="model-id mono" title={model.id}>
          {model.id}
        </div>
      </div>
      <div className="col-provider">{model.provider}</div>
      <div className="col-input">
        {model.input.map((modality) => (
          <span key={modality} className={`chip chip-${modality}`}>
            {modality}
          </span>
        ))}
        {model.reasoning && <span className="chip chip-reasoning">reasoning</span>}
      </div>
      <div className="col-context" title={`${integer.format(model.contextWindow)} tokens context, ${integer.format(model.maxTokens)} max output`}>
        {formatTokens(model.contextWindow)}
      </div>
      <div className={`col-invocation invocation-${model.invocation.mode}`} title={invocation}>
        {invocation}
      </div>
      <div className="col-status">
        <StatusBadge status={status} />
      </div>
      <div className="col-source">
        <span className={`chip chip-source-${model.source}`}>{model.source}</span>
      </div>
      <div className="col-action">
        <button
          type="button"
          className="button button-small"
          aria-label={`Chat with ${model.name}`}
          disabled={!canChat}
          title={canChat ? `Open Chat with ${model.name}` : 'Provisioned throughput only: not callable on demand'}
          onClick={(event) => {
            event.stopPropagation();
            onChat(model.id);
          }}
        >
          Chat
        </button>
      </div>
    </div>
  );
});

import { memo } from 'react';
import type { ModelSummary } from '../../../shared/types';
import { formatTokens } from '../../ui/format';
import { invocationLabel } from './model-filter';

interface Props {
  model: ModelSummary;
  onChat(modelId: string): void;
}

export const MODEL_ROW_HEIGHT = 52;

/** One line of the models browser; fixed height so the list can be windowed. */
export const ModelRow = memo(function ModelRow({ model, onChat }: Props) {
  const invocation = invocationLabel(model);
  const canChat = model.invocation.mode !== 'provisioned-only';
  return (
    <div className="model-row" data-testid="model-row" data-model-id={model.id}>
      <div className="col-name">
        <div className="model-name" title={model.name}>
          {model.name}
          {model.lifecycle === 'LEGACY' && <span className="chip chip-warn">legacy</span>}
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
      <div className="col-context" title={`${model.contextWindow.toLocaleString()} tokens context, ${model.maxTokens.toLocaleString()} max output`}>
        {formatTokens(model.contextWindow)}
      </div>
      <div className={`col-invocation invocation-${model.invocation.mode}`} title={invocation}>
        {invocation}
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
          onClick={() => onChat(model.id)}
        >
          Chat
        </button>
      </div>
    </div>
  );
});

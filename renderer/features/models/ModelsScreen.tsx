// One browser for discovered and configured models.
import { useCallback, useMemo } from 'react';
import type { ModelSummary } from '../../../shared/types';
import { useChatStore } from '../../stores/chat-store';
import { useConnectionStore } from '../../stores/connection-store';
import { useModelsStore } from '../../stores/models-store';
import { useNavigationStore } from '../../stores/navigation-store';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { Empty, Loading } from '../../ui/States';
import { VirtualList } from '../../ui/VirtualList';
import { formatInteger } from '../../ui/format';
import { DiscoveryStatus } from './DiscoveryStatus';
import { filterModels } from './model-filter';
import { MODEL_ROW_HEIGHT, ModelRow } from './ModelRow';
import { ModelsToolbar } from './ModelsToolbar';

const EMPTY: readonly ModelSummary[] = [];

function openChatWith(modelId: string): void {
  useChatStore.getState().setSettings({ modelId });
  useNavigationStore.getState().go('chat');
}

export function ModelsScreen() {
  const result = useModelsStore((s) => s.result);
  const loading = useModelsStore((s) => s.loading);
  const refreshing = useModelsStore((s) => s.refreshing);
  const error = useModelsStore((s) => s.error);
  const filter = useModelsStore((s) => s.filter);
  const load = useModelsStore((s) => s.load);
  const noCredentials = useConnectionStore((s) => s.view?.credentials.source === 'none');

  const models = result?.models ?? EMPTY;
  const visible = useMemo(() => filterModels(models, filter), [models, filter]);
  const renderRow = useCallback((model: ModelSummary) => <ModelRow model={model} onChat={openChatWith} />, []);

  return (
    <div className="screen-fixed" data-testid="models-screen">
      <header className="screen-header">
        <h1>Models</h1>
        <span className="muted" data-testid="models-count">
          {result ? `${formatInteger(visible.length)} of ${formatInteger(models.length)}` : ''}
        </span>
        <div className="header-spacer" />
        <button type="button" className="button" onClick={() => void load({ refresh: true })} disabled={refreshing || loading}>
          {refreshing ? 'Refreshing…' : 'Refresh'}
        </button>
      </header>

      {result && <DiscoveryStatus discovery={result.discovery} />}
      {result?.error && <ErrorNotice error={result.error} testId="discovery-error" onRetry={() => void load({ refresh: true })} />}
      {error && <ErrorNotice error={error} onRetry={() => void load()} />}

      {result && models.length > 0 && <ModelsToolbar models={models} />}

      {!result && !error && <Loading label="Loading models…" />}
      {result && models.length === 0 && (
        <Empty title="No models">
          {result.discovery.enabled
            ? 'Discovery found no streaming text models in this region.'
            : 'Discovery is off and no models are configured under models.providers["amazon-bedrock"].'}
          {noCredentials && (
            <div className="state-actions">
              <button type="button" className="button button-primary" onClick={() => useNavigationStore.getState().go('connection')}>
                Set up credentials
              </button>
            </div>
          )}
        </Empty>
      )}
      {result && models.length > 0 && (
        <div className="models-table">
          <div className="model-row model-head" aria-hidden="true">
            <div className="col-name">Model</div>
            <div className="col-provider">Provider</div>
            <div className="col-input">Input</div>
            <div className="col-context">Context</div>
            <div className="col-invocation">Invocation</div>
            <div className="col-source">Source</div>
            <div className="col-action" />
          </div>
          {visible.length === 0 ? (
            <Empty title="No model matches">Clear the search or filters to see all {formatInteger(models.length)} models.</Empty>
          ) : (
            <VirtualList items={visible} rowHeight={MODEL_ROW_HEIGHT} getKey={(m) => `${m.source}:${m.id}`} renderRow={renderRow} ariaLabel="Models" testId="models-list" />
          )}
        </div>
      )}
    </div>
  );
}

// One browser for discovered and configured models, with a details panel for the selected one.
import { useCallback, useEffect, useMemo, useRef } from 'react';
import type { ModelSummary } from '../../../shared/types';
import { useChatStore } from '../../stores/chat-store';
import { useConfigStore } from '../../stores/config-store';
import { useConnectionStore } from '../../stores/connection-store';
import { effectivePrimaryId, useModelsStore } from '../../stores/models-store';
import { useNavigationStore } from '../../stores/navigation-store';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { Empty, Loading } from '../../ui/States';
import { VirtualList } from '../../ui/VirtualList';
import { formatAge, formatInteger } from '../../ui/format';
import { DiscoveryStatus } from './DiscoveryStatus';
import { ModelDetails } from './ModelDetails';
import { filterIndexed, indexModels } from './model-filter';
import { MODEL_ROW_HEIGHT, ModelRow } from './ModelRow';
import { ModelsToolbar } from './ModelsToolbar';
import './models.css';

const EMPTY: readonly ModelSummary[] = [];

function openChatWith(modelId: string): void {
  useChatStore.getState().setSettings({ modelId });
  useNavigationStore.getState().go('chat');
}

function modelKey(model: ModelSummary): string {
  return `${model.source}:${model.id}`;
}

function sameModels(a: readonly ModelSummary[], b: readonly ModelSummary[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function selectModel(modelId: string): void {
  useModelsStore.getState().select(modelId);
}

export function ModelsScreen() {
  const result = useModelsStore((s) => s.result);
  const loading = useModelsStore((s) => s.loading);
  const refreshing = useModelsStore((s) => s.refreshing);
  const error = useModelsStore((s) => s.error);
  const filter = useModelsStore((s) => s.filter);
  const selectedId = useModelsStore((s) => s.selectedId);
  const load = useModelsStore((s) => s.load);
  const configView = useConfigStore((s) => s.view);
  const primaryAction = useModelsStore((s) => s.primaryAction);
  const primaryId = effectivePrimaryId(configView, primaryAction);
  const noCredentials = useConnectionStore((s) => s.view?.credentials.source === 'none');

  // Coming back to the screen asks again (the service answers from its cache), so statuses learned
  // from failed chats meanwhile show up without a manual refresh.
  useEffect(() => {
    if (useModelsStore.getState().result) void useModelsStore.getState().load();
  }, []);

  const models = result?.models ?? EMPTY;
  // Derived per-model text is built once per list; a keystroke only runs the filter (tens of µs
  // for 1,000 models), right in the keystroke's render, so the list changes in the same frame as
  // the typed character. A result equal to the last one keeps its identity, and the list (memoised)
  // then does not re-render at all — most keystrokes of a query change nothing.
  const index = useMemo(() => indexModels(models), [models]);
  const lastVisible = useRef<ModelSummary[]>([]);
  const visible = useMemo(() => {
    const next = filterIndexed(index, filter);
    if (sameModels(next, lastVisible.current)) return lastVisible.current;
    lastVisible.current = next;
    return next;
  }, [index, filter]);
  const selected = useMemo(() => (selectedId ? models.find((m) => m.id === selectedId) : undefined), [models, selectedId]);

  const renderRow = useCallback(
    (model: ModelSummary) => <ModelRow model={model} primary={model.id === primaryId} selected={model.id === selectedId} onChat={openChatWith} onSelect={selectModel} />,
    [primaryId, selectedId],
  );

  return (
    <div className="screen-fixed" data-testid="models-screen">
      <header className="screen-header">
        <h1>Models</h1>
        <span className="muted" data-testid="models-count">
          {result ? `${formatInteger(visible.length)} of ${formatInteger(models.length)}` : ''}
        </span>
        <div className="header-spacer" />
        <button
          type="button"
          className="button"
          onClick={() => void load({ refresh: true })}
          disabled={refreshing || loading}
          title="Refresh now: ask AWS again, ignoring the cache"
        >
          {refreshing ? 'Refreshing…' : 'Refresh'}
        </button>
      </header>

      {result && <DiscoveryStatus discovery={result.discovery} refreshing={refreshing} />}
      {result?.error && (
        <ErrorNotice error={result.error} testId="discovery-error" onRetry={() => void load({ refresh: true })}>
          {models.length > 0 && result.discovery.fetchedAt && <span className="muted">Showing the last good list, fetched {formatAge(result.discovery.fetchedAt, Date.now())}.</span>}
        </ErrorNotice>
      )}
      {error && (
        <ErrorNotice error={error} onRetry={() => void load()}>
          {result && <span className="muted">The list below is the last one received.</span>}
        </ErrorNotice>
      )}

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
        <div className="models-body">
          <div className="models-table">
            <div className="model-row model-head" aria-hidden="true">
              <div className="col-name">Model</div>
              <div className="col-provider">Provider</div>
              <div className="col-input">Input</div>
              <div className="col-context">Context</div>
              <div className="col-invocation">Invocation</div>
              <div className="col-status">Status</div>
              <div className="col-source">Source</div>
              <div className="col-action" />
            </div>
            {/* Four rows of overscan (208 px) cover a wheel step; each row more is layout a changed filter pays. */}
            {visible.length === 0 ? (
              <Empty title="No model matches">Clear the search or filters to see all {formatInteger(models.length)} models.</Empty>
            ) : (
              <VirtualList items={visible} rowHeight={MODEL_ROW_HEIGHT} getKey={modelKey} renderRow={renderRow} ariaLabel="Models" testId="models-list" overscan={4} />
            )}
          </div>
          {selected && <ModelDetails model={selected} primary={selected.id === primaryId} onChat={openChatWith} onClose={() => useModelsStore.getState().select(null)} />}
        </div>
      )}
    </div>
  );
}

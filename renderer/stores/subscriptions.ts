// Main → renderer events, subscribed once at startup outside React and applied to the stores.
import { api } from '../api/client';
import { useCompareStore } from '../features/compare/compare-store';
import { setReasoningSupport, useChatStore } from './chat-store';
import { primaryModelId, useConfigStore } from './config-store';
import { reloadAfterConnectionChange } from './connection-effects';
import { useConnectionStore } from './connection-store';
import { createDeltaBatcher } from './delta-batcher';
import { useModelsStore } from './models-store';

let started = false;

export function startSubscriptions(): void {
  if (started) return;
  started = true;

  // The thinking budget is sent only to models that take one.
  setReasoningSupport((id) => useModelsStore.getState().result?.models.find((m) => m.id === id)?.reasoning ?? false);

  // Chat and Compare each ignore the request ids that are not theirs.
  const deltas = createDeltaBatcher((batches) => {
    useChatStore.getState().appendDeltas(batches);
    useCompareStore.getState().appendDeltas(batches);
  });

  api.on('chat:delta', (delta) => deltas.push(delta));
  api.on('chat:retrying', (event) => {
    useChatStore.getState().retrying(event);
    useCompareStore.getState().retrying(event);
  });
  api.on('chat:done', (done) => {
    deltas.flush();
    useChatStore.getState().finish(done);
    useCompareStore.getState().finish(done);
  });
  api.on('chat:error', (failure) => {
    deltas.flush();
    useChatStore.getState().fail(failure);
    useCompareStore.getState().fail(failure);
  });
  api.on('connection:changed', (view) => {
    const before = useConnectionStore.getState().view;
    useConnectionStore.getState().applyChanged(view);
    reloadAfterConnectionChange(before, view);
  });
  api.on('config:changed', (view) => useConfigStore.getState().applyDiskChange(view));
}

/**
 * Until the user picks one, chat uses the config's primary model, else the first callable model.
 * An automatic choice is redone when the list changes under it (e.g. after switching to Sandbox).
 */
export function startDefaultModelChoice(): void {
  let autoChosen: string | null = null;
  const choose = () => {
    const chat = useChatStore.getState();
    const models = useModelsStore.getState().result?.models;
    if (!models || models.length === 0) return;
    const current = chat.settings.modelId;
    const stale = current !== '' && current === autoChosen && !models.some((m) => m.id === current);
    if (current !== '' && !stale) return;
    const config = useConfigStore.getState();
    if (!config.view && !config.error) return; // wait for the primary model, if any
    const primary = primaryModelId(config.view?.primaryModel);
    const preferred = models.find((m) => m.id === primary) ?? models.find((m) => m.invocation.mode !== 'provisioned-only');
    if (!preferred) return;
    autoChosen = preferred.id;
    chat.setSettings({ modelId: preferred.id });
  };
  useModelsStore.subscribe(choose);
  useConfigStore.subscribe(choose);
}

// Compare: one prompt to two models side by side, both streaming at once, each with its figures.
import { useEffect, type KeyboardEvent } from 'react';
import { useChatStore } from '../../stores/chat-store';
import { useModelsStore } from '../../stores/models-store';
import { Empty } from '../../ui/States';
import { ModelOptions } from '../chat/ChatSettingsPanel';
import { AssistantBody } from '../chat/AssistantBody';
import { isStreaming, useCompareStore, type Side } from './compare-store';

const LABEL: Record<Side, string> = { left: 'Left model', right: 'Right model' };

function ComparePane({ side }: { side: Side }) {
  const modelId = useCompareStore((s) => s.models[side]);
  const run = useCompareStore((s) => s.runs[side]);
  const busy = useCompareStore((s) => isStreaming(s.runs));
  const models = useModelsStore((s) => s.result?.models);
  const loading = useModelsStore((s) => s.loading);
  return (
    <section className="compare-pane" aria-label={`${side === 'left' ? 'Left' : 'Right'} answer`} data-side={side}>
      <label className="field">
        <span className="field-label">{LABEL[side]}</span>
        <select className="input" aria-label={LABEL[side]} value={modelId} disabled={busy} onChange={(event) => useCompareStore.getState().setModel(side, event.target.value)}>
          <ModelOptions models={models} value={modelId} loading={loading} />
        </select>
      </label>
      <div className="compare-answer-scroll">
        {run ? (
          <article
            className={`message message-assistant status-${run.status}`}
            data-testid="compare-answer"
            data-side={side}
            data-status={run.status}
            data-streaming={run.status === 'streaming' ? 'true' : undefined}
            aria-busy={run.status === 'streaming'}
          >
            <div className="message-meta mono">{run.invokeId && run.invokeId !== run.modelId ? `${run.modelId} via ${run.invokeId}` : run.modelId}</div>
            <AssistantBody entry={run} />
          </article>
        ) : (
          <Empty title="No answer yet">Both models get the same prompt at the same moment.</Empty>
        )}
      </div>
    </section>
  );
}

export function CompareScreen() {
  const prompt = useCompareStore((s) => s.prompt);
  const asked = useCompareStore((s) => s.asked);
  const busy = useCompareStore((s) => isStreaming(s.runs));
  const ready = useCompareStore((s) => s.models.left !== '' && s.models.right !== '');
  const models = useModelsStore((s) => s.result?.models);

  // Start from the chat's model on the left and another callable model on the right.
  useEffect(() => {
    const { models: chosen, setModel } = useCompareStore.getState();
    const callable = (models ?? []).filter((m) => m.invocation.mode !== 'provisioned-only');
    if (callable.length === 0) return;
    const left = chosen.left || useChatStore.getState().settings.modelId || callable[0]!.id;
    if (!chosen.left) setModel('left', left);
    if (!chosen.right) setModel('right', callable.find((m) => m.id !== left)?.id ?? left);
  }, [models]);

  const send = () => void useCompareStore.getState().send();
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      send();
    }
  };

  return (
    <div className="compare-screen" data-testid="compare-screen">
      <div className="compare-panes">
        <ComparePane side="left" />
        <ComparePane side="right" />
      </div>
      {asked && (
        <div className="compare-asked" data-testid="compare-prompt">
          <span className="field-label">Prompt</span> {asked}
        </div>
      )}
      <div className="composer">
        <textarea
          className="input composer-input"
          aria-label="Prompt for both"
          placeholder="One prompt, two models — Enter to send"
          rows={2}
          value={prompt}
          onChange={(event) => useCompareStore.getState().setPrompt(event.target.value)}
          onKeyDown={onKeyDown}
        />
        <div className="composer-actions">
          {busy ? (
            <button type="button" className="button button-danger" onClick={() => void useCompareStore.getState().stop()}>
              Stop
            </button>
          ) : (
            <button type="button" className="button button-primary" onClick={send} disabled={!ready || prompt.trim() === ''}>
              Send to both
            </button>
          )}
        </div>
      </div>
    </div>
  );
}

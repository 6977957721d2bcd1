// Request settings: which model, system prompt, max tokens, temperature.
import { useChatStore, parseMaxTokens, parseTemperature } from '../../stores/chat-store';
import { useModelsStore } from '../../stores/models-store';

export function ChatSettingsPanel() {
  const settings = useChatStore((s) => s.settings);
  const setSettings = useChatStore((s) => s.setSettings);
  const streaming = useChatStore((s) => s.streamingId !== null);
  const hasMessages = useChatStore((s) => s.order.length > 0);
  const models = useModelsStore((s) => s.result?.models);
  const modelsLoading = useModelsStore((s) => s.loading);

  const callable = (models ?? []).filter((m) => m.invocation.mode !== 'provisioned-only');
  const selected = models?.find((m) => m.id === settings.modelId);
  const maxTokensInvalid = settings.maxTokens.trim() !== '' && parseMaxTokens(settings.maxTokens) === undefined;
  const temperatureInvalid = settings.temperature.trim() !== '' && parseTemperature(settings.temperature) === undefined;

  return (
    <aside className="chat-settings" aria-label="Chat settings">
      <label className="field">
        <span className="field-label">Model</span>
        <select className="input" aria-label="Model" value={settings.modelId} onChange={(event) => setSettings({ modelId: event.target.value })}>
          {settings.modelId === '' && <option value="">{modelsLoading ? 'Loading models…' : 'Choose a model'}</option>}
          {settings.modelId !== '' && !selected && <option value={settings.modelId}>{settings.modelId}</option>}
          {callable.map((model) => (
            <option key={`${model.source}:${model.id}`} value={model.id}>
              {model.name} — {model.provider}
            </option>
          ))}
        </select>
        {selected && (
          <span className="field-help mono" title={selected.invocation.invokeId}>
            {selected.invocation.mode === 'inference-profile' ? `via ${selected.invocation.invokeId}` : selected.id}
          </span>
        )}
      </label>
      <label className="field">
        <span className="field-label">System prompt</span>
        <textarea
          className="input"
          aria-label="System prompt"
          rows={5}
          placeholder="Optional instructions for the model"
          value={settings.system}
          onChange={(event) => setSettings({ system: event.target.value })}
        />
      </label>
      <div className="field-row">
        <label className="field">
          <span className="field-label">Max tokens</span>
          <input
            className={maxTokensInvalid ? 'input is-invalid' : 'input'}
            aria-label="Max tokens"
            aria-invalid={maxTokensInvalid}
            inputMode="numeric"
            placeholder={selected ? String(selected.maxTokens) : 'default'}
            value={settings.maxTokens}
            onChange={(event) => setSettings({ maxTokens: event.target.value })}
          />
        </label>
        <label className="field">
          <span className="field-label">Temperature</span>
          <input
            className={temperatureInvalid ? 'input is-invalid' : 'input'}
            aria-label="Temperature"
            aria-invalid={temperatureInvalid}
            inputMode="decimal"
            placeholder="default"
            value={settings.temperature}
            onChange={(event) => setSettings({ temperature: event.target.value })}
          />
        </label>
      </div>
      {(maxTokensInvalid || temperatureInvalid) && (
        <p className="field-error">
          {maxTokensInvalid && 'Max tokens must be a whole number above 0. '}
          {temperatureInvalid && 'Temperature must be between 0 and 1. '}
          Invalid values are not sent.
        </p>
      )}
      <div className="settings-spacer" />
      <button type="button" className="button" onClick={() => useChatStore.getState().clear()} disabled={streaming || !hasMessages}>
        New chat
      </button>
    </aside>
  );
}

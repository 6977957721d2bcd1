// Request settings: model, system prompt, max tokens, temperature, top-p, stop sequences, and a
// thinking budget for the models that take one. Invalid values are shown and not sent.
import { parseBudget, parseMaxTokens, parseTemperature, parseTopP, useChatStore, type ChatSettings } from '../../stores/chat-store';
import { useModelsStore } from '../../stores/models-store';
import type { ModelSummary } from '../../../shared/types';

export function ModelOptions({ models, value, loading }: { models: readonly ModelSummary[] | undefined; value: string; loading: boolean }) {
  const callable = (models ?? []).filter((m) => m.invocation.mode !== 'provisioned-only');
  const known = models?.some((m) => m.id === value);
  return (
    <>
      {value === '' && <option value="">{loading ? 'Loading models…' : 'Choose a model'}</option>}
      {value !== '' && !known && <option value={value}>{value}</option>}
      {callable.map((model) => (
        <option key={`${model.source}:${model.id}`} value={model.id}>
          {model.name} — {model.provider}
        </option>
      ))}
    </>
  );
}

function NumberField({ label, field, placeholder, invalid, inputMode }: { label: string; field: keyof ChatSettings; placeholder: string; invalid: boolean; inputMode: 'numeric' | 'decimal' }) {
  const value = useChatStore((s) => s.settings[field]);
  return (
    <label className="field">
      <span className="field-label">{label}</span>
      <input
        className={invalid ? 'input is-invalid' : 'input'}
        aria-label={label}
        aria-invalid={invalid}
        inputMode={inputMode}
        placeholder={placeholder}
        value={value}
        onChange={(event) => useChatStore.getState().setSettings({ [field]: event.target.value })}
      />
    </label>
  );
}

export function ChatSettingsPanel() {
  const settings = useChatStore((s) => s.settings);
  const setSettings = useChatStore((s) => s.setSettings);
  const models = useModelsStore((s) => s.result?.models);
  const modelsLoading = useModelsStore((s) => s.loading);

  const selected = models?.find((m) => m.id === settings.modelId);
  const invalid = {
    maxTokens: settings.maxTokens.trim() !== '' && parseMaxTokens(settings.maxTokens) === undefined,
    temperature: settings.temperature.trim() !== '' && parseTemperature(settings.temperature) === undefined,
    topP: settings.topP.trim() !== '' && parseTopP(settings.topP) === undefined,
    budget: settings.reasoningBudget.trim() !== '' && parseBudget(settings.reasoningBudget) === undefined,
  };
  const budget = parseBudget(settings.reasoningBudget);
  const maxTokens = parseMaxTokens(settings.maxTokens) ?? selected?.maxTokens;
  const budgetTooBig = selected?.reasoning && budget !== undefined && maxTokens !== undefined && budget >= maxTokens;

  return (
    <aside className="chat-settings" aria-label="Chat settings">
      <label className="field">
        <span className="field-label">Model</span>
        <select className="input" aria-label="Model" value={settings.modelId} onChange={(event) => setSettings({ modelId: event.target.value })}>
          <ModelOptions models={models} value={settings.modelId} loading={modelsLoading} />
        </select>
        {selected && (
          <span className="field-help mono" title={selected.invocation.invokeId}>
            {selected.invocation.mode === 'inference-profile' ? `via ${selected.invocation.invokeId}` : selected.id}
          </span>
        )}
        {selected && (
          <span className="model-caps">
            {selected.input.includes('image') && <span className="chip chip-image">images</span>}
            {selected.reasoning && <span className="chip chip-reasoning">reasoning</span>}
          </span>
        )}
      </label>
      <label className="field">
        <span className="field-label">System prompt</span>
        <textarea
          className="input"
          aria-label="System prompt"
          rows={4}
          placeholder="Optional instructions for the model"
          value={settings.system}
          onChange={(event) => setSettings({ system: event.target.value })}
        />
      </label>
      <div className="field-row">
        <NumberField label="Max tokens" field="maxTokens" placeholder={selected ? String(selected.maxTokens) : 'default'} invalid={invalid.maxTokens} inputMode="numeric" />
        <NumberField label="Temperature" field="temperature" placeholder="default" invalid={invalid.temperature} inputMode="decimal" />
      </div>
      <div className="field-row">
        <NumberField label="Top-p" field="topP" placeholder="default" invalid={invalid.topP} inputMode="decimal" />
        {selected?.reasoning && <NumberField label="Thinking budget" field="reasoningBudget" placeholder="off" invalid={invalid.budget} inputMode="numeric" />}
      </div>
      {selected?.reasoning && <p className="field-help field-help-wrap">Thinking budget: tokens the model may spend reasoning (at least 1,024, below max tokens). Blank: no extended thinking.</p>}
      <label className="field">
        <span className="field-label">Stop sequences</span>
        <textarea
          className="input"
          aria-label="Stop sequences"
          rows={2}
          placeholder="One per line"
          value={settings.stopSequences}
          onChange={(event) => setSettings({ stopSequences: event.target.value })}
        />
      </label>
      {(invalid.maxTokens || invalid.temperature || invalid.topP || invalid.budget || budgetTooBig) && (
        <p className="field-error">
          {invalid.maxTokens && 'Max tokens must be a whole number above 0. '}
          {invalid.temperature && 'Temperature must be between 0 and 1. '}
          {invalid.topP && 'Top-p must be between 0 and 1. '}
          {invalid.budget && 'Thinking budget must be a whole number of at least 1,024. '}
          {budgetTooBig && `The thinking budget must be below max tokens (${maxTokens}). `}
          {(invalid.maxTokens || invalid.temperature || invalid.topP || invalid.budget) && 'Invalid values are not sent.'}
        </p>
      )}
    </aside>
  );
}

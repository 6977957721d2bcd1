// models.providers["amazon-bedrock"].models[]: one block per model, every field edited in place;
// add appends an element, remove deletes that element only.
import { useState } from 'react';
import type { ConfigIssue, InputModality, ManagedModel } from '../../../shared/types';
import { formSourceText, useConfigStore, type ConfigPath } from '../../stores/config-store';
import { PROVIDER_MODELS, describeIssue, issuesUnder, parseNumberField, pathKey, shownValue } from './config-fields';
import { DraftInput } from './Field';

interface Props {
  models: ManagedModel[];
  issues: Map<string, ConfigIssue[]>;
}

const edit = (path: ConfigPath, value: unknown) => void useConfigStore.getState().edit(path, value);

function NumberCell({ label, path, value, issues }: { label: string; path: ConfigPath; value: unknown; issues: ConfigIssue[] }) {
  const [localError, setLocalError] = useState(false);
  const own = issues.filter((issue) => pathKey(issue.path) === pathKey(path));
  const analyzedText = useConfigStore(formSourceText);
  return (
    <label className="config-cell">
      <span className="config-cell-label mono">{label}</span>
      <DraftInput
        ariaLabel={label}
        className="input-number"
        value={shownValue(value, own, analyzedText)}
        invalid={localError || own.length > 0}
        inputMode="decimal"
        onCommit={(text) => {
          const parsed = parseNumberField(text);
          setLocalError('error' in parsed);
          if (!('error' in parsed)) edit(path, parsed.value);
        }}
      />
    </label>
  );
}

function ModelRows({ model, index, issues }: { model: ManagedModel; index: number; issues: Map<string, ConfigIssue[]> }) {
  const base: ConfigPath = [...PROVIDER_MODELS, index];
  const rowIssues = issuesUnder(issues, base);
  const at = (...keys: string[]) => [...base, ...keys];
  const invalidAt = (...keys: string[]) => rowIssues.some((issue) => pathKey(issue.path) === pathKey(at(...keys)));
  const input = model.input ?? [];
  const toggleInput = (modality: InputModality, on: boolean) => {
    const next = (['text', 'image'] as const).filter((m) => (m === modality ? on : input.includes(m)));
    edit(at('input'), next);
  };
  return (
    <div className={rowIssues.length > 0 ? 'config-model is-invalid' : 'config-model'} role="listitem" data-testid="config-model-row" aria-label={`Model ${index + 1}`}>
      <div className="config-model-index" aria-hidden="true">
        {index + 1}
      </div>
      <div className="config-model-body">
        <div className="config-model-line config-model-identity">
          <label className="config-cell">
            <span className="config-cell-label mono">id</span>
            <DraftInput ariaLabel="id" className="mono" value={model.id ?? ''} invalid={invalidAt('id')} placeholder="anthropic.claude-…" onCommit={(text) => edit(at('id'), text.trim())} />
          </label>
          <label className="config-cell">
            <span className="config-cell-label mono">name</span>
            <DraftInput ariaLabel="name" value={model.name ?? ''} invalid={invalidAt('name')} onCommit={(text) => edit(at('name'), text.trim() === '' ? undefined : text)} />
          </label>
          <button type="button" className="button button-small button-danger" aria-label={`Remove model ${model.id || index + 1}`} onClick={() => edit(base, undefined)}>
            Remove
          </button>
        </div>
        <div className="config-model-line config-model-flags">
          <span className="config-cell-label mono">input</span>
          <label className="checkbox">
            <input type="checkbox" aria-label="text" checked={input.includes('text')} onChange={(e) => toggleInput('text', e.target.checked)} />
            text
          </label>
          <label className="checkbox">
            <input type="checkbox" aria-label="image" checked={input.includes('image')} onChange={(e) => toggleInput('image', e.target.checked)} />
            image
          </label>
          <label className="checkbox">
            <input type="checkbox" aria-label="reasoning" checked={model.reasoning === true} onChange={(e) => edit(at('reasoning'), e.target.checked)} />
            <span className="mono">reasoning</span>
          </label>
        </div>
        <div className="config-model-line config-model-numbers">
          <NumberCell label="contextWindow" path={at('contextWindow')} value={model.contextWindow} issues={rowIssues} />
          <NumberCell label="maxTokens" path={at('maxTokens')} value={model.maxTokens} issues={rowIssues} />
        </div>
        <div className="config-model-line config-model-numbers">
          {(['input', 'output', 'cacheRead', 'cacheWrite'] as const).map((key) => (
            <NumberCell key={key} label={`cost.${key}`} path={at('cost', key)} value={model.cost?.[key]} issues={rowIssues} />
          ))}
        </div>
        {rowIssues.length > 0 && (
          <div className="field-error" data-testid="field-error" role="alert">
            {rowIssues.map((issue) => (
              <div key={`${issue.path}:${issue.message}`}>
                <span className="mono">{issue.path.split(/[.[\]"']+/).filter(Boolean).slice(PROVIDER_MODELS.length + 1).join('.') || `models[${index}]`}</span>: {describeIssue(issue)}
              </div>
            ))}
          </div>
        )}
      </div>
    </div>
  );
}

export function ModelsTable({ models, issues }: Props) {
  return (
    <div className="config-models">
      <div className="config-models-head">
        <h3>
          Models <span className="config-path-hint mono">models[]</span>
        </h3>
        <span className="muted">Costs in USD per million tokens.</span>
        <div className="header-spacer" />
        <button
          type="button"
          className="button button-small"
          onClick={() => edit([...PROVIDER_MODELS, models.length], { id: '', input: ['text'], reasoning: false, contextWindow: 32000, maxTokens: 4096 })}
        >
          Add model
        </button>
      </div>
      <div className="config-models-table" data-testid="models-table" role="list" aria-label="Configured models">
        {models.length === 0 && <div className="muted config-models-empty">No models configured by hand; discovery lists what the account can use.</div>}
        {models.map((model, index) => (
          <ModelRows key={index} model={model} index={index} issues={issues} />
        ))}
      </div>
    </div>
  );
}

import { useMemo } from 'react';
import type { ModelSummary } from '../../../shared/types';
import { useModelsStore } from '../../stores/models-store';
import { activeFilterCount, providersOf, type ModelFilter } from './model-filter';

type Option<T extends string> = readonly [value: T, label: string];

const INPUTS: Option<ModelFilter['input']>[] = [['', 'Any input'], ['text', 'Text'], ['image', 'Image']];
const LIFECYCLES: Option<ModelFilter['lifecycle']>[] = [['', 'Any lifecycle'], ['active', 'Active'], ['legacy', 'Legacy']];
const INVOCATIONS: Option<ModelFilter['invocation']>[] = [
  ['', 'Any invocation'],
  ['on-demand', 'On demand'],
  ['inference-profile', 'Profile only'],
  ['provisioned-only', 'Provisioned only'],
];
const SOURCES: Option<ModelFilter['source']>[] = [['', 'Any source'], ['discovered', 'Discovered'], ['configured', 'Configured']];
const STATUSES: Option<ModelFilter['status']>[] = [['', 'Any status'], ['usable', 'Usable'], ['unusable', 'Not usable']];

function Select<T extends string>({ label, value, options, onChange }: { label: string; value: T; options: readonly Option<T>[]; onChange(value: T): void }) {
  return (
    <select className={value ? 'input is-set' : 'input'} aria-label={label} title={label} value={value} onChange={(event) => onChange(event.target.value as T)}>
      {options.map(([optionValue, optionLabel]) => (
        <option key={optionValue} value={optionValue}>
          {optionLabel}
        </option>
      ))}
    </select>
  );
}

export function ModelsToolbar({ models }: { models: readonly ModelSummary[] }) {
  const filter = useModelsStore((s) => s.filter);
  const setFilter = useModelsStore((s) => s.setFilter);
  const resetFilter = useModelsStore((s) => s.resetFilter);
  const showAll = useModelsStore((s) => s.showAll);
  const setShowAll = useModelsStore((s) => s.setShowAll);
  const active = activeFilterCount(filter) + (filter.query ? 1 : 0);
  const providers = useMemo(() => providersOf(models), [models]);
  return (
    <div className="toolbar models-toolbar" role="search">
      <input
        type="search"
        className="input input-search"
        placeholder="Search name, id or provider"
        aria-label="Search models"
        value={filter.query}
        onChange={(event) => setFilter({ query: event.target.value })}
      />
      <select className={filter.provider ? 'input is-set' : 'input'} aria-label="Provider" title="Provider" value={filter.provider} onChange={(event) => setFilter({ provider: event.target.value })}>
        <option value="">All providers</option>
        {providers.map((provider) => (
          <option key={provider.value} value={provider.value}>
            {provider.label}
          </option>
        ))}
      </select>
      <Select label="Input modality" value={filter.input} options={INPUTS} onChange={(input) => setFilter({ input })} />
      <Select label="Lifecycle" value={filter.lifecycle} options={LIFECYCLES} onChange={(lifecycle) => setFilter({ lifecycle })} />
      <Select label="Invocation" value={filter.invocation} options={INVOCATIONS} onChange={(invocation) => setFilter({ invocation })} />
      <Select label="Source" value={filter.source} options={SOURCES} onChange={(source) => setFilter({ source })} />
      <Select label="Status" value={filter.status} options={STATUSES} onChange={(status) => setFilter({ status })} />
      <label className="checkbox">
        <input type="checkbox" checked={filter.reasoningOnly} onChange={(event) => setFilter({ reasoningOnly: event.target.checked })} />
        Reasoning
      </label>
      <label className="checkbox">
        <input type="checkbox" checked={filter.streamingOnly} onChange={(event) => setFilter({ streamingOnly: event.target.checked })} />
        Streaming only
      </label>
      <label className="checkbox" title="Also list what Moltbot's discovery leaves out (no streaming, no text output, …), with the reason">
        <input type="checkbox" checked={showAll} onChange={(event) => void setShowAll(event.target.checked)} />
        Include filtered out
      </label>
      {active > 0 && (
        <button type="button" className="button button-small" onClick={resetFilter}>
          Clear filters
        </button>
      )}
    </div>
  );
}

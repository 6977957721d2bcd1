import type { ModelSummary } from '../../../shared/types';
import { useModelsStore } from '../../stores/models-store';
import { providersOf } from './model-filter';

export function ModelsToolbar({ models }: { models: readonly ModelSummary[] }) {
  const filter = useModelsStore((s) => s.filter);
  const setFilter = useModelsStore((s) => s.setFilter);
  return (
    <div className="toolbar" role="search">
      <input
        type="search"
        className="input input-search"
        placeholder="Search name, id or provider"
        aria-label="Search models"
        value={filter.query}
        onChange={(event) => setFilter({ query: event.target.value })}
      />
      <select className="input" aria-label="Provider" value={filter.provider} onChange={(event) => setFilter({ provider: event.target.value })}>
        <option value="">All providers</option>
        {providersOf(models).map((provider) => (
          <option key={provider.value} value={provider.value}>
            {provider.label}
          </option>
        ))}
      </select>
      <select
        className="input"
        aria-label="Input modality"
        value={filter.input}
        onChange={(event) => setFilter({ input: event.target.value as '' | 'text' | 'image' })}
      >
        <option value="">Any input</option>
        <option value="text">Text</option>
        <option value="image">Image</option>
      </select>
      <label className="checkbox">
        <input type="checkbox" checked={filter.reasoningOnly} onChange={(event) => setFilter({ reasoningOnly: event.target.checked })} />
        Reasoning
      </label>
    </div>
  );
}

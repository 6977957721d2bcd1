// Pure filtering for the models browser (kept out of the component so it is cheap to test).
import type { ModelSummary } from '../../../shared/types';
import type { ModelFilter } from '../../stores/models-store';

export function filterModels(models: readonly ModelSummary[], filter: ModelFilter): ModelSummary[] {
  const words = filter.query.toLowerCase().split(/\s+/).filter(Boolean);
  return models.filter((model) => {
    if (filter.provider && model.provider.toLowerCase() !== filter.provider) return false;
    if (filter.input && !model.input.includes(filter.input)) return false;
    if (filter.reasoningOnly && !model.reasoning) return false;
    if (words.length === 0) return true;
    const haystack = `${model.name} ${model.id} ${model.provider}`.toLowerCase();
    return words.every((word) => haystack.includes(word));
  });
}

/** Distinct providers, lower-cased for matching, with a display name. */
export function providersOf(models: readonly ModelSummary[]): Array<{ value: string; label: string }> {
  const seen = new Map<string, string>();
  for (const model of models) {
    const key = model.provider.toLowerCase();
    if (!seen.has(key)) seen.set(key, model.provider);
  }
  return [...seen].map(([value, label]) => ({ value, label })).sort((a, b) => a.label.localeCompare(b.label));
}

export function invocationLabel(model: ModelSummary): string {
  switch (model.invocation.mode) {
    case 'on-demand':
      return 'on-demand';
    case 'inference-profile':
      return `via profile ${model.invocation.invokeId}`;
    case 'provisioned-only':
      return 'provisioned only';
  }
}

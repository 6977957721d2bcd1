// Pure filtering for the models browser (kept out of the component so it is cheap to test).
// Per keystroke only the filter runs: everything derived from a model (lower-cased search text,
// status) is computed once per list by `indexModels`, which the screen memoises on the list.
import type { InvocationMode, ModelSummary } from '../../../shared/types';
import { isUsable, statusOf } from './model-status';

export interface ModelFilter {
  query: string;
  /** Lower-case provider name, or '' for all. */
  provider: string;
  input: '' | 'text' | 'image';
  reasoningOnly: boolean;
  streamingOnly: boolean;
  lifecycle: '' | 'active' | 'legacy';
  invocation: '' | InvocationMode;
  source: '' | 'discovered' | 'configured';
  /** Usable: ready, via profile or legacy; not usable: everything that cannot answer a chat. */
  status: '' | 'usable' | 'unusable';
}

export const EMPTY_FILTER: ModelFilter = {
  query: '',
  provider: '',
  input: '',
  reasoningOnly: false,
  streamingOnly: false,
  lifecycle: '',
  invocation: '',
  source: '',
  status: '',
};

export interface IndexedModel {
  model: ModelSummary;
  /** Name, id, provider and invoke id, lower-cased. */
  haystack: string;
  provider: string;
  usable: boolean;
}

export function indexModels(models: readonly ModelSummary[]): IndexedModel[] {
  return models.map((model) => ({
    model,
    haystack: `${model.name} ${model.id} ${model.provider} ${model.invocation.invokeId}`.toLowerCase(),
    provider: model.provider.toLowerCase(),
    usable: isUsable(statusOf(model).kind),
  }));
}

/** The words of a query; a model matches when its text contains every one of them. */
export function queryWords(query: string): string[] {
  return query.toLowerCase().split(/\s+/).filter(Boolean);
}

export function matches(entry: IndexedModel, filter: ModelFilter, words: readonly string[]): boolean {
  const { model } = entry;
  if (filter.provider && entry.provider !== filter.provider) return false;
  if (filter.input && !model.input.includes(filter.input)) return false;
  if (filter.reasoningOnly && !model.reasoning) return false;
  if (filter.streamingOnly && !model.streaming) return false;
  if (filter.lifecycle === 'active' && model.lifecycle !== 'ACTIVE') return false;
  if (filter.lifecycle === 'legacy' && model.lifecycle !== 'LEGACY') return false;
  if (filter.invocation && model.invocation.mode !== filter.invocation) return false;
  if (filter.source && model.source !== filter.source) return false;
  if (filter.status === 'usable' && !entry.usable) return false;
  if (filter.status === 'unusable' && entry.usable) return false;
  for (const word of words) if (!entry.haystack.includes(word)) return false;
  return true;
}

export function filterIndexed(index: readonly IndexedModel[], filter: ModelFilter): ModelSummary[] {
  const words = queryWords(filter.query);
  const out: ModelSummary[] = [];
  for (const entry of index) if (matches(entry, filter, words)) out.push(entry.model);
  return out;
}

/** One-off convenience (tests, CLI-like callers); the screen keeps the index between keystrokes. */
export function filterModels(models: readonly ModelSummary[], filter: ModelFilter): ModelSummary[] {
  return filterIndexed(indexModels(models), filter);
}

/** How many filters other than the search are set, for the "Clear filters" affordance. */
export function activeFilterCount(filter: ModelFilter): number {
  let count = 0;
  for (const key of ['provider', 'input', 'lifecycle', 'invocation', 'source', 'status'] as const) if (filter[key]) count++;
  if (filter.reasoningOnly) count++;
  if (filter.streamingOnly) count++;
  return count;
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

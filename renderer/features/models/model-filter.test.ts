import { describe, expect, it } from 'vitest';
import type { ModelSummary } from '../../../shared/types';
import { EMPTY_FILTER, activeFilterCount, type ModelFilter, filterIndexed, filterModels, indexModels, providersOf } from './model-filter';
import { isUsable, statusOf } from './model-status';

function model(id: string, extra: Partial<ModelSummary> = {}): ModelSummary {
  return {
    id,
    name: id,
    provider: 'Amazon',
    source: 'discovered',
    input: ['text'],
    reasoning: false,
    streaming: true,
    contextWindow: 32000,
    maxTokens: 4096,
    lifecycle: 'ACTIVE',
    invocation: { mode: 'on-demand', invokeId: id },
    ...extra,
  };
}

const MODELS: ModelSummary[] = [
  model('anthropic.claude-sonnet-4', { name: 'Claude Sonnet 4', provider: 'Anthropic', input: ['text', 'image'], reasoning: true, invocation: { mode: 'inference-profile', invokeId: 'us.anthropic.claude-sonnet-4' } }),
  model('anthropic.claude-3-haiku:48k', { name: 'Claude 3 Haiku', provider: 'Anthropic', input: ['text', 'image'], invocation: { mode: 'provisioned-only', invokeId: 'anthropic.claude-3-haiku:48k' } }),
  model('anthropic.claude-instant-v1', { name: 'Claude Instant', provider: 'Anthropic', lifecycle: 'LEGACY' }),
  model('cohere.command-r-v1:0', { name: 'Command R', provider: 'Cohere' }),
  model('cohere.command-r-plus-v1:0', { name: 'Command R+', provider: 'Cohere', source: 'configured' }),
  model('ai21.jamba-1-5-large-v1:0', { name: 'Jamba 1.5 Large', provider: 'AI21 Labs', status: { kind: 'no-access', message: 'No access', errorCode: 'AccessDeniedException' } }),
  model('ai21.j2-ultra-v1', { name: 'Jurassic-2 Ultra', provider: 'AI21 Labs', streaming: false, lifecycle: 'LEGACY', filteredOut: 'no streaming' }),
];

const ids = (filter: Partial<ModelFilter>) => filterModels(MODELS, { ...EMPTY_FILTER, ...filter }).map((m) => m.id);

describe('filterModels', () => {
  it('keeps everything with the empty filter, in order', () => {
    expect(ids({})).toEqual(MODELS.map((m) => m.id));
  });

  it('searches name, id, provider and invoke id, case-insensitively, every word', () => {
    expect(ids({ query: 'COMMAND' })).toEqual(['cohere.command-r-v1:0', 'cohere.command-r-plus-v1:0']);
    expect(ids({ query: 'command plus' })).toEqual(['cohere.command-r-plus-v1:0']);
    expect(ids({ query: 'us.anthropic' })).toEqual(['anthropic.claude-sonnet-4']);
    expect(ids({ query: '  ai21   large ' })).toEqual(['ai21.jamba-1-5-large-v1:0']);
    expect(ids({ query: 'nothing-like-this' })).toEqual([]);
  });

  it('filters by provider (lower-cased) and input modality', () => {
    expect(ids({ provider: 'cohere' })).toEqual(['cohere.command-r-v1:0', 'cohere.command-r-plus-v1:0']);
    expect(ids({ input: 'image' })).toEqual(['anthropic.claude-sonnet-4', 'anthropic.claude-3-haiku:48k']);
    expect(ids({ input: 'text' })).toHaveLength(MODELS.length);
  });

  it('filters by reasoning and streaming', () => {
    expect(ids({ reasoningOnly: true })).toEqual(['anthropic.claude-sonnet-4']);
    expect(ids({ streamingOnly: true })).not.toContain('ai21.j2-ultra-v1');
    expect(ids({ streamingOnly: true })).toHaveLength(MODELS.length - 1);
  });

  it('filters by lifecycle', () => {
    expect(ids({ lifecycle: 'legacy' })).toEqual(['anthropic.claude-instant-v1', 'ai21.j2-ultra-v1']);
    expect(ids({ lifecycle: 'active' })).not.toContain('anthropic.claude-instant-v1');
  });

  it('filters by invocation mode', () => {
    expect(ids({ invocation: 'inference-profile' })).toEqual(['anthropic.claude-sonnet-4']);
    expect(ids({ invocation: 'provisioned-only' })).toEqual(['anthropic.claude-3-haiku:48k']);
    expect(ids({ invocation: 'on-demand' })).toHaveLength(MODELS.length - 2);
  });

  it('filters by source', () => {
    expect(ids({ source: 'configured' })).toEqual(['cohere.command-r-plus-v1:0']);
    expect(ids({ source: 'discovered' })).toHaveLength(MODELS.length - 1);
  });

  it('filters by status: usable is ready, via profile or legacy', () => {
    expect(ids({ status: 'unusable' })).toEqual(['anthropic.claude-3-haiku:48k', 'ai21.jamba-1-5-large-v1:0']);
    expect(ids({ status: 'usable' })).toHaveLength(MODELS.length - 2);
  });

  it('combines filters (AND)', () => {
    expect(ids({ provider: 'anthropic', lifecycle: 'active', query: 'claude' })).toEqual(['anthropic.claude-sonnet-4', 'anthropic.claude-3-haiku:48k']);
    expect(ids({ provider: 'anthropic', status: 'usable', input: 'image' })).toEqual(['anthropic.claude-sonnet-4']);
  });

  it('the index is reusable across filters and gives the same answer as the one-off call', () => {
    const index = indexModels(MODELS);
    for (const filter of [{ query: 'claude' }, { provider: 'ai21' }, { status: 'unusable' as const }]) {
      expect(filterIndexed(index, { ...EMPTY_FILTER, ...filter })).toEqual(filterModels(MODELS, { ...EMPTY_FILTER, ...filter }));
    }
  });

  it('counts the active filters (search excluded)', () => {
    expect(activeFilterCount(EMPTY_FILTER)).toBe(0);
    expect(activeFilterCount({ ...EMPTY_FILTER, query: 'x', provider: 'cohere', reasoningOnly: true, status: 'usable' })).toBe(3);
  });

  it('filters 1,000 models per keystroke in well under a frame', () => {
    const large = Array.from({ length: 1000 }, (_, i) =>
      model(`provider${i % 7}.synthetic-model-${String(i).padStart(4, '0')}-v1:0`, { name: `Synthetic ${i}`, provider: `Provider ${i % 7}`, reasoning: i % 10 === 7, lifecycle: i % 10 === 8 ? 'LEGACY' : 'ACTIVE' }),
    );
    const index = indexModels(large);
    const keystrokes = ['s', 'sy', 'syn', 'synt', 'synth', 'synthe', 'synthet', 'syntheti', 'synthetic', 'synthetic 1', 'synthetic 12'];
    const start = performance.now();
    const rounds = 20;
    let last = 0;
    for (let r = 0; r < rounds; r++) for (const query of keystrokes) last = filterIndexed(index, { ...EMPTY_FILTER, query, lifecycle: 'active' }).length;
    const perKeystroke = (performance.now() - start) / (rounds * keystrokes.length);
    expect(last).toBeGreaterThan(0);
    // A frame is 16 ms; the filter gets a small slice of it even on a slow CI machine.
    expect(perKeystroke).toBeLessThan(4);
  });
});

describe('providersOf', () => {
  it('lists distinct providers sorted by name, keyed lower-case', () => {
    expect(providersOf(MODELS)).toEqual([
      { value: 'ai21 labs', label: 'AI21 Labs' },
      { value: 'anthropic', label: 'Anthropic' },
      { value: 'cohere', label: 'Cohere' },
    ]);
  });
});

describe('statusOf', () => {
  it('prefers the status the service learned', () => {
    expect(statusOf(MODELS[5]!).kind).toBe('no-access');
  });

  it('derives one from metadata otherwise', () => {
    expect(statusOf(MODELS[0]!).kind).toBe('via-profile');
    expect(statusOf(MODELS[1]!).kind).toBe('provisioned-only');
    expect(statusOf(MODELS[2]!).kind).toBe('legacy');
    expect(statusOf(MODELS[3]!).kind).toBe('ready');
  });

  it('calls ready, via profile and legacy usable, the rest not', () => {
    expect(['ready', 'via-profile', 'legacy'].every((k) => isUsable(k as never))).toBe(true);
    expect(['provisioned-only', 'no-access', 'permission-missing', 'unavailable'].some((k) => isUsable(k as never))).toBe(false);
  });
});

import type { FoundationModelSummary, InferenceProfileSummary } from '@aws-sdk/client-bedrock';
import { describe, expect, it } from 'vitest';
import { filterFoundationModels, mergeConfiguredModels } from './discovery';

const base: FoundationModelSummary = {
  modelArn: 'arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-7-sonnet-20250219-v1:0',
  modelId: 'anthropic.claude-3-7-sonnet-20250219-v1:0',
  modelName: 'Claude 3.7 Sonnet',
  providerName: 'Anthropic',
  inputModalities: ['TEXT', 'IMAGE'],
  outputModalities: ['TEXT'],
  responseStreamingSupported: true,
  inferenceTypesSupported: ['ON_DEMAND'],
  modelLifecycle: { status: 'ACTIVE' },
};
// The SDK's enums lag the service: AWS reports INFERENCE_PROFILE and VIDEO, which they omit.
const PROFILE_ONLY = ['INFERENCE_PROFILE'] as unknown as FoundationModelSummary['inferenceTypesSupported'];
const summary = (over: Partial<FoundationModelSummary>): FoundationModelSummary => ({ ...base, ...over });

describe('filterFoundationModels', () => {
  it('keeps active streaming text models and maps their fields', () => {
    const [model, ...rest] = filterFoundationModels([base], {});
    expect(rest).toHaveLength(0);
    expect(model).toMatchObject({
      id: base.modelId,
      name: 'Claude 3.7 Sonnet',
      provider: 'Anthropic',
      source: 'discovered',
      input: ['text', 'image'],
      // AWS documents Claude 3.7 Sonnet's figures: they replace the 32000/4096 defaults.
      reasoning: true,
      contextWindow: 200000,
      maxTokens: 64000,
      cost: { input: 3, output: 15 },
      limits: { source: 'documented', reference: expect.stringContaining('docs.aws.amazon.com') },
      lifecycle: 'ACTIVE',
      invocation: { mode: 'on-demand', invokeId: base.modelId },
      arn: base.modelArn,
      outputModalities: ['TEXT'],
      status: { kind: 'ready' },
    });
  });

  it('drops models without id, without streaming, without text output, or not ACTIVE', () => {
    const out = filterFoundationModels(
      [
        summary({ modelId: '  ' }),
        summary({ modelId: 'a.no-stream', responseStreamingSupported: false }),
        summary({ modelId: 'a.stream-unknown', responseStreamingSupported: undefined }),
        summary({ modelId: 'a.embed', outputModalities: ['EMBEDDING'] }),
        summary({ modelId: 'a.legacy', modelLifecycle: { status: 'LEGACY' } }),
        summary({ modelId: 'a.nolifecycle', modelLifecycle: undefined }),
        summary({ modelId: 'a.ok', modelName: 'OK' }),
      ],
      {},
    );
    expect(out.map((m) => m.id)).toEqual(['a.ok']);
  });

  it('matches providerFilter case-insensitively, falling back to the id prefix', () => {
    const models = [
      summary({ modelId: 'anthropic.one', modelName: 'One', providerName: 'Anthropic' }),
      summary({ modelId: 'amazon.two', modelName: 'Two', providerName: 'Amazon' }),
      summary({ modelId: 'meta.three', modelName: 'Three', providerName: undefined }),
    ];
    expect(filterFoundationModels(models, { providerFilter: ['ANTHROPIC', ' meta '] }).map((m) => m.id)).toEqual(['anthropic.one', 'meta.three']);
    expect(filterFoundationModels(models, { providerFilter: ['amazon'] }).map((m) => m.id)).toEqual(['amazon.two']);
    expect(filterFoundationModels(models, { providerFilter: [] })).toHaveLength(3);
  });

  it('uses the configured defaults for context window and max tokens when AWS documents none', () => {
    const unknown = summary({ modelId: 'acme.unknown-model-v1:0', modelName: 'Unknown' });
    expect(filterFoundationModels([unknown], {})[0]).toMatchObject({ contextWindow: 32000, maxTokens: 4096, limits: { source: 'default' } });
    expect(filterFoundationModels([unknown], { defaultContextWindow: 64000, defaultMaxTokens: 8192 })[0]).toMatchObject({ contextWindow: 64000, maxTokens: 8192 });
    expect(filterFoundationModels([unknown], { defaultContextWindow: 0, defaultMaxTokens: -1 })[0]).toMatchObject({ contextWindow: 32000, maxTokens: 4096 });
  });

  it('maps input modalities, defaulting to text', () => {
    expect(filterFoundationModels([summary({ inputModalities: ['TEXT', 'IMAGE', 'VIDEO'] as FoundationModelSummary['inputModalities'] })], {})[0]?.input).toEqual(['text', 'image']);
    expect(filterFoundationModels([summary({ inputModalities: [] })], {})[0]?.input).toEqual(['text']);
  });

  it('marks reasoning only when the id or name says so', () => {
    expect(filterFoundationModels([summary({ modelId: 'acme.x', modelName: 'Thinking Model' })], {})[0]?.reasoning).toBe(true);
    expect(filterFoundationModels([summary({ modelId: 'acme.x', modelName: 'Plain Model' })], {})[0]?.reasoning).toBe(false);
  });

  it('sorts by name', () => {
    const out = filterFoundationModels([summary({ modelId: 'b.1', modelName: 'Zeta' }), summary({ modelId: 'a.2', modelName: 'Alpha' })], {});
    expect(out.map((m) => m.name)).toEqual(['Alpha', 'Zeta']);
  });
});

describe('invocation', () => {
  const id = 'anthropic.claude-sonnet-4-20250514-v1:0';
  const arn = `arn:aws:bedrock:us-east-1::foundation-model/${id}`;
  const profile = (prefix: string, over: Partial<InferenceProfileSummary> = {}): InferenceProfileSummary => ({
    inferenceProfileId: `${prefix}.${id}`,
    inferenceProfileName: prefix,
    inferenceProfileArn: `arn:aws:bedrock:us-east-1:123456789012:inference-profile/${prefix}.${id}`,
    models: [{ modelArn: arn }],
    status: 'ACTIVE',
    type: 'SYSTEM_DEFINED',
    ...over,
  });
  const profileOnly = summary({ modelId: id, inferenceTypesSupported: PROFILE_ONLY });
  const all = [profile('global'), profile('apac'), profile('eu'), profile('us')];
  const invocation = (region: string, profiles = all, s = profileOnly) => filterFoundationModels([s], {}, { profiles, region })[0]?.invocation;

  it('on-demand models are called by their id', () => {
    expect(invocation('us-east-1', all, summary({ modelId: id, inferenceTypesSupported: ['ON_DEMAND', ...(PROFILE_ONLY ?? [])] }))).toEqual({ mode: 'on-demand', invokeId: id });
  });
  it("profile-only models use the region's geography first", () => {
    expect(invocation('us-west-2')).toEqual({ mode: 'inference-profile', invokeId: `us.${id}` });
    expect(invocation('eu-central-1')).toEqual({ mode: 'inference-profile', invokeId: `eu.${id}` });
    expect(invocation('ap-northeast-1')).toEqual({ mode: 'inference-profile', invokeId: `apac.${id}` });
  });
  it('then global., never another geography', () => {
    expect(invocation('us-east-1', [profile('eu'), profile('global')])).toEqual({ mode: 'inference-profile', invokeId: `global.${id}` });
    expect(invocation('sa-east-1', [profile('us'), profile('global')])).toEqual({ mode: 'inference-profile', invokeId: `global.${id}` });
    expect(invocation('us-east-1', [profile('eu')])).toEqual({ mode: 'provisioned-only', invokeId: id });
  });
  it('ignores inactive profiles and profiles of other models', () => {
    expect(invocation('us-east-1', [profile('us', { status: 'INACTIVE' as never }), profile('us', { inferenceProfileId: 'us.other.model', models: [{ modelArn: 'arn:aws:bedrock:us-east-1::foundation-model/other.model' }] })])).toEqual({ mode: 'provisioned-only', invokeId: id });
  });
  it('no profile and no on-demand: provisioned only', () => {
    expect(invocation('us-east-1', [])).toEqual({ mode: 'provisioned-only', invokeId: id });
  });
});

describe('mergeConfiguredModels', () => {
  it('configured values override discovered ones and keep the discovered invocation', () => {
    const discovered = filterFoundationModels([summary({ modelId: 'x.profile-only', modelName: 'Discovered', inferenceTypesSupported: PROFILE_ONLY })], {}, { profiles: [{ inferenceProfileId: 'us.x.profile-only', inferenceProfileName: 'p', inferenceProfileArn: 'arn', models: [], status: 'ACTIVE', type: 'SYSTEM_DEFINED' }], region: 'us-east-1' });
    const [merged] = mergeConfiguredModels(discovered, [{ id: 'x.profile-only', name: 'Mine', maxTokens: 999, cost: { input: 3, output: 15 } }], 'us-east-1');
    expect(merged).toMatchObject({ id: 'x.profile-only', name: 'Mine', source: 'configured', maxTokens: 999, contextWindow: 32000, cost: { input: 3, output: 15 }, limits: { source: 'configured' }, invocation: { mode: 'inference-profile', invokeId: 'us.x.profile-only' }, status: { kind: 'via-profile' } });
  });
  it('configured-only models are listed too, sorted with the rest', () => {
    const out = mergeConfiguredModels(filterFoundationModels([summary({ modelId: 'b.1', modelName: 'B' })], {}), [{ id: 'us.anthropic.claude-x', name: 'A' }], 'us-east-1');
    expect(out.map((m) => [m.id, m.source, m.invocation.mode])).toEqual([
      ['us.anthropic.claude-x', 'configured', 'inference-profile'],
      ['b.1', 'discovered', 'on-demand'],
    ]);
    expect(out[0]?.provider).toBe('anthropic');
  });
});

import { describe, expect, it } from 'vitest';
import { knownLimits } from './model-limits';

describe('knownLimits', () => {
  it('matches model ids, profile ids and foundation-model ARNs of a documented family', () => {
    // Claude Sonnet 4: 200K context, 64K output, $3 / $15, cache hit $0.30, 5-minute cache write $3.75.
    const id = 'anthropic.claude-sonnet-4-20250514-v1:0';
    const expected = { contextWindow: 200_000, maxTokens: 64_000, reasoning: true, cost: { input: 3, output: 15, cacheRead: 0.3, cacheWrite: 3.75 } };
    expect(knownLimits(id)).toMatchObject(expected);
    expect(knownLimits(`global.${id}`)).toMatchObject(expected);
    expect(knownLimits(`us.${id}`)).toMatchObject(expected);
    expect(knownLimits(`arn:aws:bedrock:us-east-1::foundation-model/${id}`)).toMatchObject(expected);
    expect(knownLimits(id)?.reference).toMatch(/^AWS: Anthropic Claude models \(https:\/\/docs\.aws\.amazon\.com\/.+\) · Amazon Bedrock pricing/);
  });

  it('has the documented figures of the current Claude models', () => {
    expect(knownLimits('global.anthropic.claude-sonnet-4-5-20250929-v1:0')).toMatchObject({
      contextWindow: 200_000,
      maxTokens: 64_000,
      reasoning: true,
      cost: { input: 3, output: 15, cacheRead: 0.3, cacheWrite: 3.75 },
    });
    expect(knownLimits('global.anthropic.claude-opus-4-5-20251101-v1:0')).toMatchObject({ contextWindow: 200_000, maxTokens: 64_000, cost: { input: 5, output: 25, cacheRead: 0.5, cacheWrite: 6.25 } });
    expect(knownLimits('global.anthropic.claude-haiku-4-5-20251001-v1:0')).toMatchObject({ contextWindow: 200_000, maxTokens: 64_000, cost: { input: 1, output: 5, cacheRead: 0.1, cacheWrite: 1.25 } });
    expect(knownLimits('global.anthropic.claude-opus-4-6-v1')).toMatchObject({ contextWindow: 1_000_000, maxTokens: 128_000, reasoning: true, cost: { input: 5, output: 25 } });
    // Opus 4.7 takes adaptive thinking only; a budget (all this app sends) is refused by Bedrock.
    expect(knownLimits('global.anthropic.claude-opus-4-7')).toMatchObject({ contextWindow: 1_000_000, maxTokens: 128_000, reasoning: false, cost: { input: 5, output: 25 } });
    expect(knownLimits('global.anthropic.claude-sonnet-4-6')).toMatchObject({ contextWindow: 1_000_000, maxTokens: 64_000, cost: { input: 3, output: 15 } });
  });

  it('bills Claude 4.5 and later at the global price through global. and 10% more elsewhere', () => {
    const id = 'anthropic.claude-sonnet-4-5-20250929-v1:0';
    const regional = { input: 3.3, output: 16.5, cacheRead: 0.33, cacheWrite: 4.125 };
    expect(knownLimits(`global.${id}`)?.cost).toEqual({ input: 3, output: 15, cacheRead: 0.3, cacheWrite: 3.75 });
    for (const other of [id, `us.${id}`, `eu.${id}`, `arn:aws:bedrock:us-east-1::foundation-model/${id}`]) {
      expect(knownLimits(other)?.cost).toEqual(regional);
      expect(knownLimits(other)).toMatchObject({ contextWindow: 200_000, maxTokens: 64_000 }); // only the price differs
    }
    expect(knownLimits(`arn:aws:bedrock:us-east-1:123456789012:inference-profile/global.${id}`)?.cost).toMatchObject({ input: 3, output: 15 });
    expect(knownLimits('us.anthropic.claude-opus-4-6-v1')?.cost).toMatchObject({ input: 5.5, output: 27.5 });
    expect(knownLimits('us.anthropic.claude-haiku-4-5-20251001-v1:0')?.cost).toMatchObject({ input: 1.1, output: 5.5 });
    // Earlier generations are one price wherever they are called.
    expect(knownLimits('us.anthropic.claude-opus-4-1-20250805-v1:0')?.cost).toMatchObject({ input: 15, output: 75 });
    expect(knownLimits('us.anthropic.claude-3-7-sonnet-20250219-v1:0')?.cost).toMatchObject({ input: 3, output: 15 });
  });

  it('tells families apart where they differ', () => {
    expect(knownLimits('anthropic.claude-opus-4-1-20250805-v1:0')).toMatchObject({ maxTokens: 32_000, cost: { input: 15, output: 75, cacheRead: 1.5, cacheWrite: 18.75 } });
    expect(knownLimits('anthropic.claude-opus-4-20250514-v1:0')).toMatchObject({ maxTokens: 32_000, cost: { input: 15, output: 75 } });
    expect(knownLimits('global.anthropic.claude-opus-4-5-20251101-v1:0')).toMatchObject({ maxTokens: 64_000, cost: { input: 5, output: 25 } });
    // Opus 4.6 is not Opus 4 (it once matched `opus-4-`): a third of the price, five times the context.
    expect(knownLimits('anthropic.claude-opus-4-6-v1')).toMatchObject({ contextWindow: 1_000_000, maxTokens: 128_000 });
    expect(knownLimits('anthropic.claude-sonnet-4-6')).toMatchObject({ contextWindow: 1_000_000 });
    expect(knownLimits('anthropic.claude-3-5-haiku-20241022-v1:0')).toMatchObject({ maxTokens: 8_192, reasoning: false, cost: { input: 0.8, output: 4, cacheRead: 0.08, cacheWrite: 1 } });
    expect(knownLimits('anthropic.claude-3-5-sonnet-20241022-v2:0')).toMatchObject({ maxTokens: 8_192, reasoning: false });
    expect(knownLimits('anthropic.claude-3-haiku-20240307-v1:0')?.cost).toEqual({ input: 0.25, output: 1.25 });
    expect(knownLimits('anthropic.claude-3-sonnet-20240229-v1:0')).toMatchObject({ maxTokens: 4_096, cost: { input: 3, output: 15 } });
    expect(knownLimits('amazon.nova-micro-v1:0')).toMatchObject({ contextWindow: 128_000, maxTokens: 5_000, cost: { input: 0.035, output: 0.14 } });
    expect(knownLimits('amazon.nova-pro-v1:0')).toMatchObject({ contextWindow: 300_000, maxTokens: 5_000, cost: { input: 0.8, output: 3.2 } });
    expect(knownLimits('amazon.nova-premier-v1:0')).toMatchObject({ contextWindow: 1_000_000, maxTokens: 25_000 });
    expect(knownLimits('meta.llama3-8b-instruct-v1:0')?.contextWindow).toBe(8_000);
    expect(knownLimits('meta.llama4-maverick-17b-instruct-v1:0')).toMatchObject({ contextWindow: 1_000_000, maxTokens: 8_192 });
    expect(knownLimits('mistral.pixtral-large-2502-v1:0')).toMatchObject({ contextWindow: 128_000, maxTokens: 16_000 });
    expect(knownLimits('mistral.mixtral-8x7b-instruct-v0:1')?.maxTokens).toBe(4_096);
    expect(knownLimits('mistral.mistral-7b-instruct-v0:2')).toMatchObject({ contextWindow: 32_000, maxTokens: 8_192 });
    expect(knownLimits('cohere.command-r-plus-v1:0')?.cost).toEqual({ input: 3, output: 15 });
    expect(knownLimits('cohere.command-r-v1:0')?.cost).toEqual({ input: 0.5, output: 1.5 });
    expect(knownLimits('deepseek.r1-v1:0')).toMatchObject({ reasoning: true, maxTokens: 32_768 });
    expect(knownLimits('ai21.jamba-1-5-mini-v1:0')).toMatchObject({ contextWindow: 256_000, maxTokens: 4_096 });
  });

  it('knows nothing of families AWS documents no figures for here', () => {
    expect(knownLimits('amazon.titan-text-express-v1')).toBeUndefined();
    expect(knownLimits('acme.widget-v1:0')).toBeUndefined();
    // A Claude version the table does not list is not priced as an older one of the same name.
    expect(knownLimits('anthropic.claude-opus-4-8')).toBeUndefined();
    expect(knownLimits('anthropic.claude-sonnet-5')).toBeUndefined();
    expect(knownLimits('anthropic.claude-haiku-5-5')).toBeUndefined();
  });

  it("looks only at the families of the id's provider, with the same answers however often asked", () => {
    const sonnet = knownLimits('anthropic.claude-3-7-sonnet-20250219-v1:0');
    expect(sonnet).toBeDefined();
    const regional = knownLimits('us.anthropic.claude-sonnet-4-5-20250929-v1:0');
    for (let i = 0; i < 3; i++) {
      expect(knownLimits('ANTHROPIC.CLAUDE-3-7-SONNET-20250219-V1:0')).toBe(sonnet);
      expect(knownLimits('arn:aws:bedrock:eu-west-1::foundation-model/anthropic.claude-3-7-sonnet-20250219-v1:0')).toBe(sonnet);
      expect(knownLimits('apac.anthropic.claude-3-7-sonnet-20250219-v1:0')).toBe(sonnet);
      expect(knownLimits('APAC.ANTHROPIC.CLAUDE-3-7-SONNET-20250219-V1:0')).toBe(sonnet);
      expect(knownLimits('eu.anthropic.claude-sonnet-4-5-20250929-v1:0')).toBe(regional);
      expect(knownLimits('amazon.claude-3-7-sonnet-20250219-v1:0')).toBeUndefined(); // another provider's id
      expect(knownLimits('anthropic')).toBeUndefined();
      expect(knownLimits('')).toBeUndefined();
    }
    expect(knownLimits('meta.llama3-3-70b-instruct-v1:0')?.maxTokens).toBe(2_048);
    expect(knownLimits('deepseek.r1-v1:0')?.reasoning).toBe(true);
  });
});

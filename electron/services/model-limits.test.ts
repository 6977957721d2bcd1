import { describe, expect, it } from 'vitest';
import { knownLimits } from './model-limits';

describe('knownLimits', () => {
  it('matches model ids, profile ids and foundation-model ARNs of a documented family', () => {
    const id = 'anthropic.claude-sonnet-4-5-20250929-v1:0';
    const expected = { contextWindow: 200_000, maxTokens: 64_000, reasoning: true, cost: { input: 3, output: 15, cacheRead: 0.3, cacheWrite: 3.75 } };
    expect(knownLimits(id)).toMatchObject(expected);
    expect(knownLimits(`global.${id}`)).toMatchObject(expected);
    expect(knownLimits(`us.${id}`)).toMatchObject(expected);
    expect(knownLimits(`arn:aws:bedrock:us-east-1::foundation-model/${id}`)).toMatchObject(expected);
    expect(knownLimits(id)?.reference).toMatch(/^AWS: Anthropic Claude models \(https:\/\/docs\.aws\.amazon\.com\/.+\) · Amazon Bedrock pricing/);
  });

  it('tells families apart where they differ', () => {
    expect(knownLimits('anthropic.claude-opus-4-1-20250805-v1:0')).toMatchObject({ maxTokens: 32_000, cost: { input: 15, output: 75 } });
    expect(knownLimits('anthropic.claude-opus-4-5-20251101-v1:0')).toMatchObject({ maxTokens: 64_000, cost: { input: 5, output: 25 } });
    expect(knownLimits('anthropic.claude-3-5-haiku-20241022-v1:0')).toMatchObject({ maxTokens: 8_192, reasoning: false });
    expect(knownLimits('anthropic.claude-3-haiku-20240307-v1:0')?.cost).toEqual({ input: 0.25, output: 1.25 });
    expect(knownLimits('amazon.nova-micro-v1:0')).toMatchObject({ contextWindow: 128_000, cost: { input: 0.035, output: 0.14 } });
    expect(knownLimits('amazon.nova-premier-v1:0')?.contextWindow).toBe(1_000_000);
    expect(knownLimits('meta.llama3-8b-instruct-v1:0')?.contextWindow).toBe(8_000);
    expect(knownLimits('cohere.command-r-plus-v1:0')?.cost).toEqual({ input: 3, output: 15 });
    expect(knownLimits('cohere.command-r-v1:0')?.cost).toEqual({ input: 0.5, output: 1.5 });
    expect(knownLimits('deepseek.r1-v1:0')).toMatchObject({ reasoning: true });
    expect(knownLimits('ai21.jamba-1-5-mini-v1:0')?.contextWindow).toBe(256_000);
  });

  it('knows nothing of families AWS documents no figures for here', () => {
    expect(knownLimits('amazon.titan-text-express-v1')).toBeUndefined();
    expect(knownLimits('acme.widget-v1:0')).toBeUndefined();
  });

  it("looks only at the families of the id's provider, with the same answers however often asked", () => {
    const sonnet = knownLimits('anthropic.claude-3-7-sonnet-20250219-v1:0');
    expect(sonnet).toBeDefined();
    for (let i = 0; i < 3; i++) {
      expect(knownLimits('ANTHROPIC.CLAUDE-3-7-SONNET-20250219-V1:0')).toBe(sonnet);
      expect(knownLimits('arn:aws:bedrock:eu-west-1::foundation-model/anthropic.claude-3-7-sonnet-20250219-v1:0')).toBe(sonnet);
      expect(knownLimits('apac.anthropic.claude-3-7-sonnet-20250219-v1:0')).toBe(sonnet);
      expect(knownLimits('amazon.claude-3-7-sonnet-20250219-v1:0')).toBeUndefined(); // another provider's id
      expect(knownLimits('anthropic')).toBeUndefined();
      expect(knownLimits('')).toBeUndefined();
    }
    expect(knownLimits('meta.llama3-3-70b-instruct-v1:0')?.maxTokens).toBe(2_048);
    expect(knownLimits('deepseek.r1-v1:0')?.reasoning).toBe(true);
  });
});

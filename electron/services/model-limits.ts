// What AWS publishes about model families on Bedrock: context window, max output tokens,
// whether the model can reason ("extended thinking"), and the on-demand price in USD per million
// tokens (us-east-1, standard tier). Used instead of Moltbot's 32000/4096 discovery defaults; a
// model configured by hand (models.providers["amazon-bedrock"].models) always wins over this.
// Keep entries to figures from AWS's own pages; a family we cannot state is simply absent.
import type { ModelCost } from '../../shared/types';

export interface KnownLimits {
  contextWindow: number;
  maxTokens: number;
  reasoning: boolean;
  cost?: ModelCost;
  /** The AWS documents the figures come from. */
  reference: string;
}

const PRICING = 'Amazon Bedrock pricing (https://aws.amazon.com/bedrock/pricing/)';
const ref = (title: string, path: string) => `AWS: ${title} (https://docs.aws.amazon.com/bedrock/latest/userguide/${path}) · ${PRICING}`;
const CLAUDE = ref('Anthropic Claude models', 'model-parameters-claude.html');
const NOVA = 'AWS: Amazon Nova User Guide › Amazon Nova models (https://docs.aws.amazon.com/nova/latest/userguide/what-is-nova.html) · ' + PRICING;
const LLAMA = ref('Meta Llama models', 'model-parameters-meta.html');
const MISTRAL = ref('Mistral AI models', 'model-parameters-mistral.html');
const COHERE = ref('Cohere Command R and Command R+ models', 'model-parameters-cohere-command-r-plus.html');
const DEEPSEEK = ref('DeepSeek models', 'model-parameters-deepseek.html');
const JAMBA = ref('AI21 Labs Jamba models', 'model-parameters-jamba.html');

/** Claude bills cache reads at 0.1× and cache writes at 1.25× the input price. */
const claudeCost = (input: number, output: number, caching = true): ModelCost =>
  caching ? { input, output, cacheRead: round(input * 0.1), cacheWrite: round(input * 1.25) } : { input, output };
const round = (n: number) => Math.round(n * 10_000) / 10_000;
const cost = (input: number, output: number): ModelCost => ({ input, output });

/** First match wins: put specific patterns before general ones. Ids are matched without geo prefix or provisioned suffix. */
const FAMILIES: readonly { pattern: RegExp; limits: KnownLimits }[] = [
  // Anthropic
  { pattern: /^anthropic\.claude-opus-4-5/, limits: { contextWindow: 200_000, maxTokens: 64_000, reasoning: true, cost: claudeCost(5, 25), reference: CLAUDE } },
  { pattern: /^anthropic\.claude-opus-4(-1)?-/, limits: { contextWindow: 200_000, maxTokens: 32_000, reasoning: true, cost: claudeCost(15, 75), reference: CLAUDE } },
  { pattern: /^anthropic\.claude-sonnet-4(-5)?-/, limits: { contextWindow: 200_000, maxTokens: 64_000, reasoning: true, cost: claudeCost(3, 15), reference: CLAUDE } },
  { pattern: /^anthropic\.claude-haiku-4-5/, limits: { contextWindow: 200_000, maxTokens: 64_000, reasoning: true, cost: claudeCost(1, 5), reference: CLAUDE } },
  { pattern: /^anthropic\.claude-3-7-sonnet/, limits: { contextWindow: 200_000, maxTokens: 64_000, reasoning: true, cost: claudeCost(3, 15), reference: CLAUDE } },
  { pattern: /^anthropic\.claude-3-5-sonnet/, limits: { contextWindow: 200_000, maxTokens: 8_192, reasoning: false, cost: claudeCost(3, 15), reference: CLAUDE } },
  { pattern: /^anthropic\.claude-3-5-haiku/, limits: { contextWindow: 200_000, maxTokens: 8_192, reasoning: false, cost: claudeCost(0.8, 4), reference: CLAUDE } },
  { pattern: /^anthropic\.claude-3-opus/, limits: { contextWindow: 200_000, maxTokens: 4_096, reasoning: false, cost: claudeCost(15, 75, false), reference: CLAUDE } },
  { pattern: /^anthropic\.claude-3-sonnet/, limits: { contextWindow: 200_000, maxTokens: 4_096, reasoning: false, cost: claudeCost(3, 15, false), reference: CLAUDE } },
  { pattern: /^anthropic\.claude-3-haiku/, limits: { contextWindow: 200_000, maxTokens: 4_096, reasoning: false, cost: claudeCost(0.25, 1.25, false), reference: CLAUDE } },
  { pattern: /^anthropic\.claude-instant-v1/, limits: { contextWindow: 100_000, maxTokens: 4_096, reasoning: false, cost: cost(0.8, 2.4), reference: CLAUDE } },
  // Amazon Nova (understanding models)
  { pattern: /^amazon\.nova-premier-v1/, limits: { contextWindow: 1_000_000, maxTokens: 32_000, reasoning: false, cost: cost(2.5, 12.5), reference: NOVA } },
  { pattern: /^amazon\.nova-pro-v1/, limits: { contextWindow: 300_000, maxTokens: 5_000, reasoning: false, cost: cost(0.8, 3.2), reference: NOVA } },
  { pattern: /^amazon\.nova-lite-v1/, limits: { contextWindow: 300_000, maxTokens: 5_000, reasoning: false, cost: cost(0.06, 0.24), reference: NOVA } },
  { pattern: /^amazon\.nova-micro-v1/, limits: { contextWindow: 128_000, maxTokens: 5_000, reasoning: false, cost: cost(0.035, 0.14), reference: NOVA } },
  // Meta Llama (max_gen_len is capped at 2048 on Bedrock for Llama 3.x)
  { pattern: /^meta\.llama4-maverick-17b/, limits: { contextWindow: 1_000_000, maxTokens: 8_192, reasoning: false, cost: cost(0.24, 0.97), reference: LLAMA } },
  { pattern: /^meta\.llama4-scout-17b/, limits: { contextWindow: 3_500_000, maxTokens: 8_192, reasoning: false, cost: cost(0.17, 0.66), reference: LLAMA } },
  { pattern: /^meta\.llama3-3-70b/, limits: { contextWindow: 128_000, maxTokens: 2_048, reasoning: false, cost: cost(0.72, 0.72), reference: LLAMA } },
  { pattern: /^meta\.llama3-2-90b/, limits: { contextWindow: 128_000, maxTokens: 2_048, reasoning: false, cost: cost(0.72, 0.72), reference: LLAMA } },
  { pattern: /^meta\.llama3-2-11b/, limits: { contextWindow: 128_000, maxTokens: 2_048, reasoning: false, cost: cost(0.16, 0.16), reference: LLAMA } },
  { pattern: /^meta\.llama3-2-3b/, limits: { contextWindow: 128_000, maxTokens: 2_048, reasoning: false, cost: cost(0.15, 0.15), reference: LLAMA } },
  { pattern: /^meta\.llama3-2-1b/, limits: { contextWindow: 128_000, maxTokens: 2_048, reasoning: false, cost: cost(0.1, 0.1), reference: LLAMA } },
  { pattern: /^meta\.llama3-1-70b/, limits: { contextWindow: 128_000, maxTokens: 2_048, reasoning: false, cost: cost(0.72, 0.72), reference: LLAMA } },
  { pattern: /^meta\.llama3-1-8b/, limits: { contextWindow: 128_000, maxTokens: 2_048, reasoning: false, cost: cost(0.22, 0.22), reference: LLAMA } },
  { pattern: /^meta\.llama3-70b/, limits: { contextWindow: 8_000, maxTokens: 2_048, reasoning: false, cost: cost(2.65, 3.5), reference: LLAMA } },
  { pattern: /^meta\.llama3-8b/, limits: { contextWindow: 8_000, maxTokens: 2_048, reasoning: false, cost: cost(0.3, 0.6), reference: LLAMA } },
  // Mistral AI
  { pattern: /^mistral\.pixtral-large-2502/, limits: { contextWindow: 128_000, maxTokens: 8_192, reasoning: false, cost: cost(2, 6), reference: MISTRAL } },
  { pattern: /^mistral\.mistral-large-2407/, limits: { contextWindow: 128_000, maxTokens: 8_192, reasoning: false, reference: MISTRAL } },
  { pattern: /^mistral\.mistral-large-2402/, limits: { contextWindow: 32_000, maxTokens: 8_192, reasoning: false, cost: cost(4, 12), reference: MISTRAL } },
  { pattern: /^mistral\.mistral-small-2402/, limits: { contextWindow: 32_000, maxTokens: 8_192, reasoning: false, cost: cost(1, 3), reference: MISTRAL } },
  { pattern: /^mistral\.mixtral-8x7b/, limits: { contextWindow: 32_000, maxTokens: 4_096, reasoning: false, cost: cost(0.45, 0.7), reference: MISTRAL } },
  { pattern: /^mistral\.mistral-7b/, limits: { contextWindow: 32_000, maxTokens: 8_192, reasoning: false, cost: cost(0.15, 0.2), reference: MISTRAL } },
  // Cohere
  { pattern: /^cohere\.command-r-plus/, limits: { contextWindow: 128_000, maxTokens: 4_096, reasoning: false, cost: cost(3, 15), reference: COHERE } },
  { pattern: /^cohere\.command-r-v/, limits: { contextWindow: 128_000, maxTokens: 4_096, reasoning: false, cost: cost(0.5, 1.5), reference: COHERE } },
  // DeepSeek
  { pattern: /^deepseek\.r1/, limits: { contextWindow: 128_000, maxTokens: 32_768, reasoning: true, cost: cost(1.35, 5.4), reference: DEEPSEEK } },
  // AI21 Labs
  { pattern: /^ai21\.jamba-1-5-large/, limits: { contextWindow: 256_000, maxTokens: 4_096, reasoning: false, cost: cost(2, 8), reference: JAMBA } },
  { pattern: /^ai21\.jamba-1-5-mini/, limits: { contextWindow: 256_000, maxTokens: 4_096, reasoning: false, cost: cost(0.2, 0.4), reference: JAMBA } },
  { pattern: /^ai21\.jamba-instruct/, limits: { contextWindow: 256_000, maxTokens: 4_096, reasoning: false, cost: cost(0.5, 0.7), reference: JAMBA } },
];

/** Cross-region profile prefixes (`us.`, `eu.`, `apac.`, `global.`…) in front of a model id. */
const GEO_PREFIX = /^(us|eu|apac|jp|au|ca|us-gov|global)\.(?=[a-z0-9-]+\.)/;

/** The provider a pattern is anchored to (`^anthropic\.` → "anthropic"); undefined when it is not. */
const anchoredProvider = (pattern: RegExp): string | undefined => /^\^([a-z0-9-]+)\\\./.exec(pattern.source)?.[1];
const FAMILY_PROVIDERS = FAMILIES.map((family) => anchoredProvider(family.pattern));
/** Per provider prefix, the families that can match its ids (in table order, so first match still wins). */
const familiesByProvider = new Map<string, (typeof FAMILIES)[number][]>();
function familiesFor(provider: string): (typeof FAMILIES)[number][] {
  let families = familiesByProvider.get(provider);
  if (!families) {
    families = FAMILIES.filter((_, i) => FAMILY_PROVIDERS[i] === undefined || FAMILY_PROVIDERS[i] === provider);
    if (familiesByProvider.size >= 256) familiesByProvider.clear(); // ids are not always provider.model
    familiesByProvider.set(provider, families);
  }
  return families;
}

/** Answers per id, as discovery asks once per model on every catalog built. */
const MEMO_LIMIT = 10_000;
const memo = new Map<string, KnownLimits | undefined>();

/** The family figures for a model id, profile id or foundation-model ARN; undefined when AWS publishes none we track. */
export function knownLimits(idOrArn: string): KnownLimits | undefined {
  if (memo.has(idOrArn)) return memo.get(idOrArn);
  const id = idOrArn.replace(/^arn:[^/]*\//, '').replace(GEO_PREFIX, '').toLowerCase();
  // A pattern anchored to "provider." can only match ids of that provider.
  const dot = id.indexOf('.');
  const limits = familiesFor(dot === -1 ? id : id.slice(0, dot)).find((family) => family.pattern.test(id))?.limits;
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(idOrArn, limits);
  return limits;
}

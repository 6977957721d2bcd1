// What AWS publishes about model families on Bedrock: context window, max output tokens,
// whether the model can reason ("extended thinking"), and the on-demand price in USD per million
// tokens (us-east-1, standard tier). Used instead of Moltbot's 32000/4096 discovery defaults; a
// model configured by hand (models.providers["amazon-bedrock"].models) always wins over this.
// Keep entries to figures from AWS's own pages; a family we cannot state is simply absent.
//
// Checked against stored copies of these pages (no live access); each family says which one
// backs it, "unverified:" marks a figure no stored page confirmed (kept as written, not invented):
//   [aws-card]  AWS model cards, https://docs.aws.amazon.com/bedrock/latest/userguide/model-card-<provider>-<model>.html
//   [aws-param] AWS inference-parameter pages, https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-<provider>.html
//   [aws-geo]   https://docs.aws.amazon.com/bedrock/latest/userguide/global-cross-region-inference.html
//   [nova-req]  https://docs.aws.amazon.com/nova/latest/userguide/complete-request-schema.html (maxTokens ≤ 5k)
//   [a-models]  https://platform.claude.com/docs/en/models/<model>/overview (context, max output, price)
//   [a-price]   https://platform.claude.com/docs/en/about-claude/pricing (input, 5m cache write, cache hit, output)
//   [3p]        third-party copies of the Bedrock price list (the AWS pricing page itself is not
//               stored with its tables): cloudroutehq.com/aws-ai/amazon-nova-pricing, pristren.com,
//               inventivehq.com/blog/aws-bedrock-pricing-guide, vercel.com/ai-gateway (Bedrock
//               provider rows), BerriAI/litellm model_prices_and_context_window.json (bedrock entries).
// Claude on Bedrock is priced as on Anthropic's API [a-price]. From the 4.5 generation on, AWS
// bills geographic (us./eu./…) and in-region calls about 10% above the global. profile [aws-geo];
// the table holds the global price and `regionalPremium` applies the difference (see knownLimits).
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

/** Claude bills cache reads at 0.1× and (5-minute) cache writes at 1.25× the input price [a-price]. */
const claudeCost = (input: number, output: number, caching = true): ModelCost =>
  caching ? { input, output, cacheRead: round(input * 0.1), cacheWrite: round(input * 1.25) } : { input, output };
const round = (n: number) => Math.round(n * 10_000) / 10_000;
const cost = (input: number, output: number): ModelCost => ({ input, output });

/** Geographic / in-region price ÷ global price for the Claude 4.5+ generation [aws-geo], [3p: litellm `us.` rows]. */
const CLAUDE_REGIONAL = 1.1;

interface Family {
  pattern: RegExp;
  limits: KnownLimits;
  /** Set when AWS bills calls that do not go through a `global.` profile at this multiple of `limits.cost`. */
  regionalPremium?: number;
}

/**
 * First match wins: put specific patterns before general ones. Ids are matched without geo prefix or
 * provisioned suffix. Claude 4.x ids are told apart by what follows the version: the 4 / 4.1 / 4.5
 * releases carry a date (`-20250514-v1:0`), 4.6 and later do not, so `opus-4-` must not swallow
 * `opus-4-6` (a different price, context and output limit).
 */
const FAMILIES: readonly Family[] = [
  // Anthropic. Context / max output: [a-models], AWS cards [aws-card] where stored; prices [a-price].
  // Opus 4.7: [aws-card] 1M / 128K; it takes adaptive thinking only (a `budget_tokens` request is a 400),
  // so reasoning is false here: this app only sends budget thinking.
  { pattern: /^anthropic\.claude-opus-4-7(?![0-9])/, regionalPremium: CLAUDE_REGIONAL, limits: { contextWindow: 1_000_000, maxTokens: 128_000, reasoning: false, cost: claudeCost(5, 25), reference: CLAUDE } },
  // Opus 4.6: [aws-card] 1M / 128K, reasoning supported.
  { pattern: /^anthropic\.claude-opus-4-6(?![0-9])/, regionalPremium: CLAUDE_REGIONAL, limits: { contextWindow: 1_000_000, maxTokens: 128_000, reasoning: true, cost: claudeCost(5, 25), reference: CLAUDE } },
  // Opus 4.5: [a-models] 200K / 64K, $5 / $25.
  { pattern: /^anthropic\.claude-opus-4-5-/, regionalPremium: CLAUDE_REGIONAL, limits: { contextWindow: 200_000, maxTokens: 64_000, reasoning: true, cost: claudeCost(5, 25), reference: CLAUDE } },
  // Opus 4 / 4.1: 200K / 32K (Anthropic models table, via simonwillison.net 2025-05-22), $15 / $75 [a-price].
  { pattern: /^anthropic\.claude-opus-4(-1)?-\d{8}/, limits: { contextWindow: 200_000, maxTokens: 32_000, reasoning: true, cost: claudeCost(15, 75), reference: CLAUDE } },
  // Sonnet 4.6: 1M context [a-models]; max output is 64K in older copies of Anthropic's table and 128K in
  // newer ones (no AWS card stored), the lower figure is kept. $3 / $15 [a-price].
  { pattern: /^anthropic\.claude-sonnet-4-6(?![0-9])/, regionalPremium: CLAUDE_REGIONAL, limits: { contextWindow: 1_000_000, maxTokens: 64_000, reasoning: true, cost: claudeCost(3, 15), reference: CLAUDE } },
  // Sonnet 4.5: [a-models] 200K / 64K, $3 / $15.
  { pattern: /^anthropic\.claude-sonnet-4-5-/, regionalPremium: CLAUDE_REGIONAL, limits: { contextWindow: 200_000, maxTokens: 64_000, reasoning: true, cost: claudeCost(3, 15), reference: CLAUDE } },
  // Sonnet 4: 200K / 64K (Anthropic models table, via simonwillison.net), $3 / $15 [a-price].
  { pattern: /^anthropic\.claude-sonnet-4-\d{8}/, limits: { contextWindow: 200_000, maxTokens: 64_000, reasoning: true, cost: claudeCost(3, 15), reference: CLAUDE } },
  // Haiku 4.5: [a-models] 200K / 64K, $1 / $5.
  { pattern: /^anthropic\.claude-haiku-4-5-/, regionalPremium: CLAUDE_REGIONAL, limits: { contextWindow: 200_000, maxTokens: 64_000, reasoning: true, cost: claudeCost(1, 5), reference: CLAUDE } },
  // Claude 3.7 Sonnet: 200K / 64K (Anthropic models table), $3 / $15 [a-price].
  { pattern: /^anthropic\.claude-3-7-sonnet/, limits: { contextWindow: 200_000, maxTokens: 64_000, reasoning: true, cost: claudeCost(3, 15), reference: CLAUDE } },
  // Claude 3.5 Sonnet: 200K / 8,192 [3p]; $3 / $15 [3p]. Unverified: the cache rates (Bedrock caching was a
  // preview for v2 only) and 8,192 for v1 (20240620), which litellm lists at 4,096 on Bedrock. In AWS's
  // public extended access the price rises (clauder-navi.com quotes $6 / $30); the standard price is kept.
  { pattern: /^anthropic\.claude-3-5-sonnet/, limits: { contextWindow: 200_000, maxTokens: 8_192, reasoning: false, cost: claudeCost(3, 15), reference: CLAUDE } },
  // Claude 3.5 Haiku: [aws-card] 200K / 8K; $0.80 / $4, cache write $1, cache hit $0.08 [a-price].
  { pattern: /^anthropic\.claude-3-5-haiku/, limits: { contextWindow: 200_000, maxTokens: 8_192, reasoning: false, cost: claudeCost(0.8, 4), reference: CLAUDE } },
  // Claude 3 Opus / Sonnet / Haiku: 200K / 4K ([aws-card] for Haiku; Anthropic models table for all); prices [a-price]
  // and [3p] (3 Sonnet); no cache price: Bedrock prompt caching does not cover the Claude 3 models.
  { pattern: /^anthropic\.claude-3-opus/, limits: { contextWindow: 200_000, maxTokens: 4_096, reasoning: false, cost: claudeCost(15, 75, false), reference: CLAUDE } },
  { pattern: /^anthropic\.claude-3-sonnet/, limits: { contextWindow: 200_000, maxTokens: 4_096, reasoning: false, cost: claudeCost(3, 15, false), reference: CLAUDE } },
  { pattern: /^anthropic\.claude-3-haiku/, limits: { contextWindow: 200_000, maxTokens: 4_096, reasoning: false, cost: claudeCost(0.25, 1.25, false), reference: CLAUDE } },
  // Claude Instant: 100K, $0.80 / $2.40 [3p]. Unverified: maxTokens 4,096.
  { pattern: /^anthropic\.claude-instant-v1/, limits: { contextWindow: 100_000, maxTokens: 4_096, reasoning: false, cost: cost(0.8, 2.4), reference: CLAUDE } },
  // Amazon Nova (understanding models). Premier: [aws-card] 1M context, 25K max output; $2.50 / $12.50 [3p].
  // Its card says "Reasoning: Supported", but not as a Claude thinking budget (all this app sends), so false.
  // Pro / Lite / Micro: 300K / 300K / 128K, maxTokens ≤ 5k [nova-req]; prices [3p].
  { pattern: /^amazon\.nova-premier-v1/, limits: { contextWindow: 1_000_000, maxTokens: 25_000, reasoning: false, cost: cost(2.5, 12.5), reference: NOVA } },
  { pattern: /^amazon\.nova-pro-v1/, limits: { contextWindow: 300_000, maxTokens: 5_000, reasoning: false, cost: cost(0.8, 3.2), reference: NOVA } },
  { pattern: /^amazon\.nova-lite-v1/, limits: { contextWindow: 300_000, maxTokens: 5_000, reasoning: false, cost: cost(0.06, 0.24), reference: NOVA } },
  { pattern: /^amazon\.nova-micro-v1/, limits: { contextWindow: 128_000, maxTokens: 5_000, reasoning: false, cost: cost(0.035, 0.14), reference: NOVA } },
  // Meta Llama. Prices [3p]. Llama 3.x maxTokens 2,048 (Bedrock's max_gen_len cap) is unverified: no stored
  // copy of the parameter page shows it; AWS cards of newer Llamas list 4K (3.1 405B) and 8K (4 Maverick),
  // so 2,048 is the safe lower figure.
  // Maverick: [aws-card] 1M / 8K. Scout: unverified 3.5M context (vercel.com lists 128K for Bedrock).
  { pattern: /^meta\.llama4-maverick-17b/, limits: { contextWindow: 1_000_000, maxTokens: 8_192, reasoning: false, cost: cost(0.24, 0.97), reference: LLAMA } },
  { pattern: /^meta\.llama4-scout-17b/, limits: { contextWindow: 3_500_000, maxTokens: 8_192, reasoning: false, cost: cost(0.17, 0.66), reference: LLAMA } },
  { pattern: /^meta\.llama3-3-70b/, limits: { contextWindow: 128_000, maxTokens: 2_048, reasoning: false, cost: cost(0.72, 0.72), reference: LLAMA } },
  // Unverified: 3.2 90B at $0.72 (litellm lists $2.00 / $2.00).
  { pattern: /^meta\.llama3-2-90b/, limits: { contextWindow: 128_000, maxTokens: 2_048, reasoning: false, cost: cost(0.72, 0.72), reference: LLAMA } },
  { pattern: /^meta\.llama3-2-11b/, limits: { contextWindow: 128_000, maxTokens: 2_048, reasoning: false, cost: cost(0.16, 0.16), reference: LLAMA } },
  { pattern: /^meta\.llama3-2-3b/, limits: { contextWindow: 128_000, maxTokens: 2_048, reasoning: false, cost: cost(0.15, 0.15), reference: LLAMA } },
  { pattern: /^meta\.llama3-2-1b/, limits: { contextWindow: 128_000, maxTokens: 2_048, reasoning: false, cost: cost(0.1, 0.1), reference: LLAMA } },
  // Unverified: 3.1 70B at $0.72 (litellm lists $0.99 / $0.99).
  { pattern: /^meta\.llama3-1-70b/, limits: { contextWindow: 128_000, maxTokens: 2_048, reasoning: false, cost: cost(0.72, 0.72), reference: LLAMA } },
  { pattern: /^meta\.llama3-1-8b/, limits: { contextWindow: 128_000, maxTokens: 2_048, reasoning: false, cost: cost(0.22, 0.22), reference: LLAMA } },
  { pattern: /^meta\.llama3-70b/, limits: { contextWindow: 8_000, maxTokens: 2_048, reasoning: false, cost: cost(2.65, 3.5), reference: LLAMA } },
  { pattern: /^meta\.llama3-8b/, limits: { contextWindow: 8_000, maxTokens: 2_048, reasoning: false, cost: cost(0.3, 0.6), reference: LLAMA } },
  // Mistral AI. maxTokens: [aws-param] (7B 8,192, Mixtral 4,096, Large / Small 8,192; the 7B [aws-card] says 4K).
  // Pixtral: [aws-card] 128K / 16K; unverified price $2 / $6 (Mistral's own list price).
  { pattern: /^mistral\.pixtral-large-2502/, limits: { contextWindow: 128_000, maxTokens: 16_000, reasoning: false, cost: cost(2, 6), reference: MISTRAL } },
  // Large 2 (24.07): 128K [3p]; no price kept (third-party lists disagree: $2 / $6, $3 / $9).
  { pattern: /^mistral\.mistral-large-2407/, limits: { contextWindow: 128_000, maxTokens: 8_192, reasoning: false, reference: MISTRAL } },
  // Unverified: Large (24.02) at $4 / $12 (inventivehq.com; litellm lists $8 / $24).
  { pattern: /^mistral\.mistral-large-2402/, limits: { contextWindow: 32_000, maxTokens: 8_192, reasoning: false, cost: cost(4, 12), reference: MISTRAL } },
  { pattern: /^mistral\.mistral-small-2402/, limits: { contextWindow: 32_000, maxTokens: 8_192, reasoning: false, cost: cost(1, 3), reference: MISTRAL } },
  { pattern: /^mistral\.mixtral-8x7b/, limits: { contextWindow: 32_000, maxTokens: 4_096, reasoning: false, cost: cost(0.45, 0.7), reference: MISTRAL } },
  { pattern: /^mistral\.mistral-7b/, limits: { contextWindow: 32_000, maxTokens: 8_192, reasoning: false, cost: cost(0.15, 0.2), reference: MISTRAL } },
  // Cohere: 128K / 4K (https://docs.cohere.com/v1/docs/command-r); prices [3p] (one copy lists R+ at $2.50 / $10).
  { pattern: /^cohere\.command-r-plus/, limits: { contextWindow: 128_000, maxTokens: 4_096, reasoning: false, cost: cost(3, 15), reference: COHERE } },
  { pattern: /^cohere\.command-r-v/, limits: { contextWindow: 128_000, maxTokens: 4_096, reasoning: false, cost: cost(0.5, 1.5), reference: COHERE } },
  // DeepSeek: max_tokens ≤ 32,768 [aws-param]. Unverified: 128K context and $1.35 / $5.40.
  { pattern: /^deepseek\.r1/, limits: { contextWindow: 128_000, maxTokens: 32_768, reasoning: true, cost: cost(1.35, 5.4), reference: DEEPSEEK } },
  // AI21 Labs: "about 256K tokens" [aws-param]; max_tokens ≤ 4,096 (https://docs.ai21.com/reference/jamba-1-6-api-ref); prices [3p].
  { pattern: /^ai21\.jamba-1-5-large/, limits: { contextWindow: 256_000, maxTokens: 4_096, reasoning: false, cost: cost(2, 8), reference: JAMBA } },
  { pattern: /^ai21\.jamba-1-5-mini/, limits: { contextWindow: 256_000, maxTokens: 4_096, reasoning: false, cost: cost(0.2, 0.4), reference: JAMBA } },
  { pattern: /^ai21\.jamba-instruct/, limits: { contextWindow: 256_000, maxTokens: 4_096, reasoning: false, cost: cost(0.5, 0.7), reference: JAMBA } },
];

/** Cross-region profile prefixes (`us.`, `eu.`, `apac.`, `global.`…) in front of a model id. */
const GEO_PREFIX = /^(us|eu|apac|jp|au|ca|us-gov|global)\.(?=[a-z0-9-]+\.)/;

/** A family's figures as billed outside a `global.` profile: the price times its regional premium. */
const scaled = (c: ModelCost, k: number): ModelCost => {
  const out: ModelCost = { input: round(c.input * k), output: round(c.output * k) };
  if (c.cacheRead !== undefined) out.cacheRead = round(c.cacheRead * k);
  if (c.cacheWrite !== undefined) out.cacheWrite = round(c.cacheWrite * k);
  return out;
};
const REGIONAL = new Map<Family, KnownLimits>(
  FAMILIES.filter((f) => f.regionalPremium !== undefined && f.limits.cost !== undefined).map((f) => [f, { ...f.limits, cost: scaled(f.limits.cost as ModelCost, f.regionalPremium as number) }]),
);

/** The provider a pattern is anchored to (`^anthropic\.` → "anthropic"); undefined when it is not. */
const anchoredProvider = (pattern: RegExp): string | undefined => /^\^([a-z0-9-]+)\\\./.exec(pattern.source)?.[1];
const FAMILY_PROVIDERS = FAMILIES.map((family) => anchoredProvider(family.pattern));
/** Per provider prefix, the families that can match its ids (in table order, so first match still wins). */
const familiesByProvider = new Map<string, Family[]>();
function familiesFor(provider: string): Family[] {
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

/**
 * The family figures for a model id, profile id or foundation-model ARN; undefined when AWS publishes
 * none we track. For families AWS prices by endpoint (Claude 4.5 and later), a `global.` profile gets the
 * table's (global) price; a bare model id, an ARN or a geographic profile (`us.`, `eu.`, …) gets the
 * geographic / in-region price, which is what discovery's preferred geographic profile is billed.
 */
export function knownLimits(idOrArn: string): KnownLimits | undefined {
  if (memo.has(idOrArn)) return memo.get(idOrArn);
  const unprefixed = idOrArn.replace(/^arn:[^/]*\//, '').toLowerCase();
  const geo = GEO_PREFIX.exec(unprefixed)?.[1];
  const id = unprefixed.replace(GEO_PREFIX, '');
  // A pattern anchored to "provider." can only match ids of that provider.
  const dot = id.indexOf('.');
  const family = familiesFor(dot === -1 ? id : id.slice(0, dot)).find((f) => f.pattern.test(id));
  const limits = family && geo !== 'global' ? (REGIONAL.get(family) ?? family.limits) : family?.limits;
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(idOrArn, limits);
  return limits;
}

// What one answer cost, from Bedrock's reported usage and the model's per-million-token prices
// (configured `cost`, else AWS's published figures). A price we do not know is null, never 0:
// "unknown" must not read as "free".
import type { ChatCost, ChatUsage, ModelCost } from '../../shared/types';

/** USD amounts are kept to 1e-9 so sums of many messages do not collect float noise. */
const usd = (n: number) => Math.round(n * 1e9) / 1e9;

export type KnownPrice = Partial<Pick<ModelCost, 'input' | 'output'>>;

const priced = (tokens: number, perMillion: number | undefined): number | null =>
  typeof perMillion === 'number' && Number.isFinite(perMillion) && perMillion >= 0 ? usd((tokens * perMillion) / 1_000_000) : null;

/** Reasoning tokens are billed as output tokens and Bedrock counts them in `outputTokens`. */
export function chatCost(usage: ChatUsage | undefined, price: KnownPrice | undefined): ChatCost {
  if (!usage) return { input: null, output: null, total: null };
  const input = priced(usage.inputTokens, price?.input);
  const output = priced(usage.outputTokens, price?.output);
  return { input, output, total: input !== null && output !== null ? usd(input + output) : null };
}

/** A conversation's total: null as soon as one priced message is unknown. */
export function sumCosts(costs: readonly (ChatCost | undefined)[]): number | null {
  let total = 0;
  for (const cost of costs) {
    if (!cost) continue;
    if (cost.total === null) return null;
    total += cost.total;
  }
  return usd(total);
}

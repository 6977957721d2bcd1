// Pure conversions for the chat store: the settings form ↔ request fields, the thread ↔ the stored
// conversation, and the thread → Converse turns.
import type { ChatStartRequest } from '../../shared/ipc';
import type { Attachment, ChatMessage, ChatSettings as StoredSettings, StoredMessage } from '../../shared/types';
import type { ChatEntry, ChatSettings } from './chat-store';

const trimmed = (raw: string): string => raw.trim();

export function parseMaxTokens(raw: string): number | undefined {
  const value = Number(trimmed(raw));
  return trimmed(raw) !== '' && Number.isInteger(value) && value > 0 ? value : undefined;
}

function parseUnit(raw: string): number | undefined {
  const value = Number(trimmed(raw));
  return trimmed(raw) !== '' && Number.isFinite(value) && value >= 0 && value <= 1 ? value : undefined;
}

export const parseTemperature = parseUnit;
export const parseTopP = parseUnit;

/** Bedrock's thinking budget starts at 1,024 tokens. */
export function parseBudget(raw: string): number | undefined {
  const value = Number(trimmed(raw));
  return trimmed(raw) !== '' && Number.isInteger(value) && value >= 1024 && value <= 1_000_000 ? value : undefined;
}

/** One per line; blank lines ignored. Bedrock takes at most a few, each non-empty. */
export function parseStopSequences(raw: string): string[] {
  return raw
    .split('\n')
    .map((line) => line.replace(/\r$/, ''))
    .filter((line) => line.trim() !== '')
    .slice(0, 32);
}

/** The request fields the form holds; invalid values are left out (the panel says so). */
export function settingsFromForm(settings: ChatSettings, reasoning: boolean): Omit<StoredSettings, 'modelId'> & Partial<Pick<ChatStartRequest, 'reasoningBudget'>> {
  const out: Omit<StoredSettings, 'modelId'> = {};
  const system = settings.system.trim();
  if (system) out.system = system;
  const maxTokens = parseMaxTokens(settings.maxTokens);
  if (maxTokens !== undefined) out.maxTokens = maxTokens;
  const temperature = parseTemperature(settings.temperature);
  if (temperature !== undefined) out.temperature = temperature;
  const topP = parseTopP(settings.topP);
  if (topP !== undefined) out.topP = topP;
  const stops = parseStopSequences(settings.stopSequences);
  if (stops.length > 0) out.stopSequences = stops;
  const budget = reasoning ? parseBudget(settings.reasoningBudget) : undefined;
  if (budget !== undefined) out.reasoningBudget = budget;
  return out;
}

export function settingsToForm(stored: StoredSettings, fallbackModel: string): ChatSettings {
  const text = (value: number | undefined) => (value === undefined ? '' : String(value));
  return {
    modelId: stored.modelId ?? fallbackModel,
    system: stored.system ?? '',
    maxTokens: text(stored.maxTokens),
    temperature: text(stored.temperature),
    topP: text(stored.topP),
    stopSequences: (stored.stopSequences ?? []).join('\n'),
    reasoningBudget: text(stored.reasoningBudget),
  };
}

export function titleFrom(text: string, attachments: readonly Attachment[]): string {
  const line = text.replace(/\s+/g, ' ').trim();
  if (line) return line.length > 60 ? `${line.slice(0, 59)}…` : line;
  return attachments[0]?.name ?? 'New conversation';
}

export function toStored(entry: ChatEntry): StoredMessage {
  const message: StoredMessage = { id: entry.id, role: entry.role, text: entry.text, createdAt: entry.createdAt };
  if (entry.reasoning) message.reasoning = entry.reasoning;
  if (entry.attachments?.length) message.attachments = entry.attachments;
  if (entry.role === 'assistant') {
    message.modelId = entry.modelId;
    // A stream still open when saved (should not happen) is recorded as what it is: incomplete.
    message.status = entry.status === 'streaming' ? 'stopped' : entry.status === 'done' && entry.stopReason === 'max_tokens' ? 'max-tokens' : entry.status;
    if (entry.error) message.error = entry.error;
    if (entry.usage) message.usage = entry.usage;
    if (entry.metrics) message.metrics = entry.metrics;
    if (entry.cost) message.cost = entry.cost;
  }
  return message;
}

export function fromStored(stored: readonly StoredMessage[]): { order: string[]; messages: Record<string, ChatEntry> } {
  const order: string[] = [];
  const messages: Record<string, ChatEntry> = {};
  for (const message of stored) {
    const status = message.status === 'max-tokens' || message.status === undefined ? 'done' : message.status;
    const entry: ChatEntry = {
      id: message.id,
      role: message.role,
      text: message.text,
      reasoning: message.reasoning ?? '',
      status,
      modelId: message.modelId ?? '',
      createdAt: message.createdAt,
    };
    if (message.status === 'max-tokens') entry.stopReason = 'max_tokens';
    if (message.attachments) entry.attachments = message.attachments;
    if (message.error) entry.error = message.error;
    if (message.usage) entry.usage = message.usage;
    if (message.metrics) entry.metrics = message.metrics;
    if (message.cost) entry.cost = message.cost;
    order.push(message.id);
    messages[message.id] = entry;
  }
  return { order, messages };
}

/**
 * Converse wants non-empty turns that alternate user/assistant, starting with the user. Failed
 * answers with no text are dropped, and neighbouring same-role turns are merged (a continuation
 * after a max-tokens stop joins the answer it continues). A last assistant turn is the start of
 * the answer to continue; Bedrock refuses it with trailing whitespace.
 */
export function buildTurns(order: readonly string[], messages: Record<string, ChatEntry>): ChatMessage[] {
  const turns: ChatMessage[] = [];
  for (const id of order) {
    const entry = messages[id];
    if (!entry) continue;
    const hasAttachments = entry.role === 'user' && (entry.attachments?.length ?? 0) > 0;
    if (entry.text.trim() === '' && !hasAttachments) continue;
    const last = turns[turns.length - 1];
    if (last && last.role === entry.role) {
      // A continuation carries on mid-sentence; separate questions get a paragraph break.
      last.text += entry.role === 'assistant' ? entry.text : `\n\n${entry.text}`;
      if (hasAttachments) last.attachments = [...(last.attachments ?? []), ...(entry.attachments ?? [])];
    } else if (turns.length > 0 || entry.role === 'user') {
      const turn: ChatMessage = { role: entry.role, text: entry.text };
      if (hasAttachments) turn.attachments = entry.attachments ?? [];
      turns.push(turn);
    }
  }
  const last = turns[turns.length - 1];
  if (last?.role === 'assistant') last.text = last.text.trimEnd();
  return turns;
}

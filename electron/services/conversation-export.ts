// One conversation as a Markdown or JSON file. Neither carries attachment bytes (names, formats
// and sizes only) nor anything secret: a conversation holds no credentials, and as a second line
// of defence every secret value of the session's environment, and anything shaped like an AWS
// access key id, is redacted from the text should the user have pasted one into the chat.
import type { Conversation, StoredMessage } from '../../shared/types';
import { sumCosts } from './chat-cost';

export type ExportFormat = 'markdown' | 'json';
export interface ExportedFile {
  filename: string;
  mediaType: string;
  content: string;
}

/** Environment variables whose values are secrets (their values are redacted from exports). */
export const SECRET_ENV_KEYS = ['AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_SECURITY_TOKEN', 'AWS_BEARER_TOKEN_BEDROCK', 'AWS_ACCESS_KEY_ID'] as const;

export function secretValues(env: Record<string, string | undefined>): string[] {
  return SECRET_ENV_KEYS.map((k) => env[k]?.trim()).filter((v): v is string => !!v && v.length >= 8);
}

const ACCESS_KEY_ID = /\b(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}\b/g;

function redactor(secrets: readonly string[]): (text: string) => string {
  const sorted = [...new Set(secrets)].sort((a, b) => b.length - a.length);
  return (text) => {
    let out = text;
    for (const secret of sorted) if (out.includes(secret)) out = out.split(secret).join('[redacted]');
    return out.replace(ACCESS_KEY_ID, '[redacted]');
  };
}

function fileStem(title: string): string {
  return title.normalize('NFKD').replace(/[^\w\s-]/g, '').trim().replace(/\s+/g, '-').slice(0, 80).toLowerCase() || 'conversation';
}

const kb = (bytes: number) => (bytes >= 1_000_000 ? `${(bytes / 1_000_000).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1000))} KB`);
export const formatUsd = (n: number) => `$${n < 0.01 ? n.toFixed(6) : n.toFixed(4)}`;

function figures(m: StoredMessage): string | undefined {
  const parts: string[] = [];
  if (m.usage) parts.push(`${m.usage.inputTokens} in / ${m.usage.outputTokens} out tokens`);
  if (m.metrics?.ttftMs !== undefined) parts.push(`TTFT ${Math.round(m.metrics.ttftMs)} ms`);
  if (m.metrics?.outputTokensPerSecond !== undefined) parts.push(`${m.metrics.outputTokensPerSecond} tokens/s`);
  if (m.cost) parts.push(`cost ${m.cost.total === null ? 'unknown' : formatUsd(m.cost.total)}`);
  return parts.length > 0 ? parts.join(' · ') : undefined;
}

const STATUS_NOTE: Record<string, string> = {
  stopped: 'Stopped by the user: the answer is incomplete.',
  'max-tokens': 'Cut off at the max-tokens limit.',
  error: 'The answer failed',
};

/** A fence longer than any run of backticks inside, so quoted text cannot close it. */
function fenced(text: string): string {
  const longest = Math.max(2, ...(text.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}text\n${text}\n${fence}`;
}

function markdown(c: Conversation, clean: (s: string) => string): string {
  const out: string[] = [`# ${clean(c.title) || 'Untitled conversation'}`, ''];
  const total = sumCosts(c.messages.map((m) => m.cost));
  const s = c.settings;
  const meta = [
    s.modelId ? `- **Model:** \`${s.modelId}\`` : undefined,
    `- **Created:** ${c.createdAt}`,
    `- **Updated:** ${c.updatedAt}`,
    s.temperature !== undefined ? `- **Temperature:** ${s.temperature}` : undefined,
    s.topP !== undefined ? `- **Top-p:** ${s.topP}` : undefined,
    s.maxTokens !== undefined ? `- **Max tokens:** ${s.maxTokens}` : undefined,
    s.reasoningBudget !== undefined ? `- **Thinking budget:** ${s.reasoningBudget} tokens` : undefined,
    s.stopSequences?.length ? `- **Stop sequences:** ${s.stopSequences.map((x) => `\`${clean(x)}\``).join(', ')}` : undefined,
    `- **Total cost:** ${total === null ? 'unknown (a model price is not known)' : formatUsd(total)}`,
  ].filter((l): l is string => l !== undefined);
  out.push(...meta, '');
  if (s.system?.trim()) out.push('## System prompt', '', fenced(clean(s.system)), '');
  for (const m of c.messages) {
    out.push(m.role === 'user' ? '## User' : `## Assistant${m.modelId ? ` (${m.modelId})` : ''}`, '');
    if (m.attachments?.length) {
      out.push(`Attachments: ${m.attachments.map((a) => `${clean(a.name)} (${a.format}, ${kb(a.bytes)})`).join(', ')}`, '');
    }
    if (m.reasoning?.trim()) {
      out.push('<details>', '<summary>Reasoning</summary>', '', clean(m.reasoning), '', '</details>', '');
    }
    if (m.text) out.push(clean(m.text), '');
    const note = m.status ? STATUS_NOTE[m.status] : undefined;
    if (note) out.push(`> ${note}${m.status === 'error' && m.error ? `: ${clean(m.error.message)}` : m.status === 'error' ? '.' : ''}`, '');
    const line = figures(m);
    if (line) out.push(`_${line}_`, '');
  }
  return out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd() + '\n';
}

/** JSON: the stored shape, attachment bytes left out (`dataBase64` dropped, the size kept). */
function json(c: Conversation, clean: (s: string) => string): string {
  const copy = {
    format: 'bedrock-desk.conversation',
    version: 1,
    conversation: {
      ...c,
      messages: c.messages.map((m) => ({
        ...m,
        ...(m.attachments ? { attachments: m.attachments.map((a) => ({ kind: a.kind, name: a.name, format: a.format, bytes: a.bytes })) } : {}),
      })),
    },
  };
  // Redact inside string values only, so the JSON stays valid.
  return JSON.stringify(copy, (_key, value: unknown) => (typeof value === 'string' ? clean(value) : value), 2) + '\n';
}

export function exportConversation(c: Conversation, format: ExportFormat, secrets: readonly string[] = []): ExportedFile {
  const clean = redactor(secrets);
  const stem = fileStem(c.title);
  return format === 'markdown'
    ? { filename: `${stem}.md`, mediaType: 'text/markdown', content: markdown(c, clean) }
    : { filename: `${stem}.json`, mediaType: 'application/json', content: json(c, clean) };
}

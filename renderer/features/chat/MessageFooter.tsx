import type { ChatEntry } from '../../stores/chat-store';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { formatInteger, formatMs, formatUsd } from '../../ui/format';

/** The figures of a finished answer: tokens, time to first token, speed, cost ("unknown", never a wrong $0). */
export function messageFigures(entry: ChatEntry): string[] {
  const { usage, metrics } = entry;
  const parts: string[] = [];
  if (usage) parts.push(`${formatInteger(usage.inputTokens)} in`, `${formatInteger(usage.outputTokens)} out`);
  if (metrics?.ttftMs !== undefined) parts.push(`TTFT ${formatMs(metrics.ttftMs)}`);
  if (metrics?.outputTokensPerSecond !== undefined) parts.push(`${metrics.outputTokensPerSecond.toFixed(1)} tok/s`);
  if (metrics) parts.push(`total ${formatMs(metrics.totalMs)}`);
  if (usage || entry.cost) parts.push(`cost ${formatUsd(entry.cost?.total)}`);
  return parts;
}

/** Status line under an assistant message; always one line tall so finishing does not jump. */
export function MessageFooter({ entry }: { entry: ChatEntry }) {
  if (entry.status === 'streaming') {
    return (
      <div className="message-footer" aria-live="off">
        <span className="pulse" aria-hidden="true" /> Generating…
      </div>
    );
  }
  if (entry.status === 'stopped') {
    return (
      <div className="message-footer" data-testid="message-stopped">
        <span className="chip chip-warn">stopped</span> The answer was stopped; the text above is what arrived.
      </div>
    );
  }
  if (entry.status === 'error') {
    if (!entry.error) return null;
    return (
      <ErrorNotice error={entry.error} compact testId="message-error">
        {entry.text ? 'The text above is what arrived before the failure.' : undefined}
      </ErrorNotice>
    );
  }
  const parts = messageFigures(entry);
  const cut = entry.stopReason === 'max_tokens';
  if (entry.stopReason && entry.stopReason !== 'end_turn' && !cut) parts.push(`stop: ${entry.stopReason}`);
  return (
    <div className="message-footer" data-testid="message-metrics">
      {cut && <span className="chip chip-warn">cut at max tokens</span>}
      {parts.join(' · ')}
    </div>
  );
}

// The open conversation: its title (rename in place), totals, export.
import { useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useChatStore, type ChatEntry } from '../../stores/chat-store';
import { useConversationsStore } from '../../stores/conversations-store';
import { formatInteger, formatUsd } from '../../ui/format';

interface Totals {
  answers: number;
  inputTokens: number;
  outputTokens: number;
  /** null when any answer's cost is unknown (never a sum that pretends to be complete). */
  cost: number | null;
}

export function conversationTotals(entries: readonly ChatEntry[]): Totals {
  const totals: Totals = { answers: 0, inputTokens: 0, outputTokens: 0, cost: 0 };
  for (const entry of entries) {
    if (entry.role !== 'assistant' || entry.status === 'streaming') continue;
    totals.answers++;
    totals.inputTokens += entry.usage?.inputTokens ?? 0;
    totals.outputTokens += entry.usage?.outputTokens ?? 0;
    // A turn that used tokens without a known cost (unknown price, or stopped before usage was
    // reported) makes the total unknown; an answer that failed before any text cost nothing.
    const billed = entry.usage !== undefined || entry.cost !== undefined || entry.text !== '';
    const cost = entry.cost?.total;
    if (billed) totals.cost = totals.cost === null || cost === null || cost === undefined ? null : totals.cost + cost;
  }
  return totals;
}

export function ConversationHeader() {
  const title = useChatStore((s) => s.title);
  const id = useChatStore((s) => s.conversationId);
  const empty = useChatStore((s) => s.order.length === 0);
  const busy = useChatStore((s) => s.streamingId !== null);
  // Totals change only when an answer ends, so this re-renders then, not at every token.
  const totals = useChatStore(useShallow((s) => conversationTotals(s.order.map((m) => s.messages[m]).filter((e): e is ChatEntry => !!e))));
  const [draft, setDraft] = useState(title);
  useEffect(() => setDraft(title), [title]);

  const commit = () => {
    if (draft.trim() !== title) useChatStore.getState().rename(draft);
  };

  return (
    <header className="conversation-header">
      <input
        className="conversation-title-input"
        aria-label="Conversation title"
        placeholder="New conversation"
        value={draft}
        onChange={(event) => setDraft(event.target.value)}
        onBlur={commit}
        onKeyDown={(event) => {
          if (event.key === 'Enter') event.currentTarget.blur();
          if (event.key === 'Escape') setDraft(title);
        }}
      />
      {!empty && (
        <span className="conversation-totals" data-testid="conversation-totals">
          {totals.answers} {totals.answers === 1 ? 'answer' : 'answers'} · {formatInteger(totals.inputTokens)} in · {formatInteger(totals.outputTokens)} out · cost {formatUsd(totals.cost)}
        </span>
      )}
      <span className="conversation-export">
        <button type="button" className="button button-small" disabled={empty || busy} onClick={() => void useConversationsStore.getState().exportAs(id, 'markdown')}>
          Export Markdown
        </button>
        <button type="button" className="button button-small" disabled={empty || busy} onClick={() => void useConversationsStore.getState().exportAs(id, 'json')}>
          Export JSON
        </button>
      </span>
    </header>
  );
}

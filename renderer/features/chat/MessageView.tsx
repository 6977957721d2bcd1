// One message. Selected by id, so while an answer streams only that message re-renders.
import { memo } from 'react';
import { useChatStore } from '../../stores/chat-store';
import { Markdown } from './Markdown';
import { MessageFooter } from './MessageFooter';

export const MessageView = memo(function MessageView({ id }: { id: string }) {
  const entry = useChatStore((s) => s.messages[id]);
  if (!entry) return null;

  if (entry.role === 'user') {
    return (
      <div className="message message-user" data-testid="user-message">
        <div className="message-bubble">{entry.text}</div>
      </div>
    );
  }

  const streaming = entry.status === 'streaming';
  return (
    <article
      className={`message message-assistant status-${entry.status}`}
      data-testid="assistant-message"
      data-streaming={streaming ? 'true' : undefined}
      data-status={entry.status}
      aria-busy={streaming}
    >
      <div className="message-meta mono">{entry.modelId}</div>
      {entry.reasoning && (
        <details className="thinking" data-testid="thinking">
          <summary>
            Thinking{streaming && !entry.text ? '…' : ''} <span className="muted">({formatChars(entry.reasoning.length)})</span>
          </summary>
          <div className="thinking-text">{entry.reasoning}</div>
        </details>
      )}
      {entry.text ? (
        <Markdown text={entry.text} />
      ) : (
        streaming && (
          <div className="typing" aria-label="Waiting for the first token">
            <span />
            <span />
            <span />
          </div>
        )
      )}
      <MessageFooter entry={entry} />
    </article>
  );
});

function formatChars(count: number): string {
  return count >= 1000 ? `${(count / 1000).toFixed(1)}k chars` : `${count} chars`;
}

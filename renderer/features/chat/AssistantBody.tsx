// An answer's content: thinking (apart, collapsible, streaming), the markdown text, the retry
// countdown and the status line. Shared by Chat and Compare.
import type { ChatEntry } from '../../stores/chat-store';
import { Markdown } from './Markdown';
import { MessageFooter } from './MessageFooter';
import { RetryCountdown } from './RetryCountdown';

function formatChars(count: number): string {
  return count >= 1000 ? `${(count / 1000).toFixed(1)}k chars` : `${count} chars`;
}

export function AssistantBody({ entry }: { entry: ChatEntry }) {
  const streaming = entry.status === 'streaming';
  const thinking = streaming && !entry.text;
  return (
    <>
      {entry.reasoning && (
        // Open while the model is thinking, so it is seen streaming; collapsible at any time.
        <details className="thinking" data-testid="thinking" open={thinking || undefined}>
          <summary>
            {thinking ? 'Thinking…' : 'Thinking'} <span className="muted">({formatChars(entry.reasoning.length)})</span>
          </summary>
          <div className="thinking-text" data-testid="thinking-text">
            {entry.reasoning}
          </div>
        </details>
      )}
      {entry.retrying && <RetryCountdown retrying={entry.retrying} />}
      {entry.text ? (
        <Markdown text={entry.text} streaming={streaming} />
      ) : (
        streaming &&
        !entry.reasoning &&
        !entry.retrying && (
          <div className="typing" aria-label="Waiting for the first token">
            <span />
            <span />
            <span />
          </div>
        )
      )}
      <MessageFooter entry={entry} />
    </>
  );
}

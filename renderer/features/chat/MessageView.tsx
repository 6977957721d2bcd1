// One message. Selected by id, so while an answer streams only that message re-renders.
import { memo, useState, type KeyboardEvent } from 'react';
import { useChatStore, type ChatEntry } from '../../stores/chat-store';
import { CopyButton } from '../../ui/CopyButton';
import { AssistantBody } from './AssistantBody';
import { AttachmentList } from './AttachmentList';

export const MessageView = memo(function MessageView({ id }: { id: string }) {
  const entry = useChatStore((s) => s.messages[id]);
  // Actions depend on the message's place and whether a stream is running; both change rarely.
  const isLast = useChatStore((s) => s.order[s.order.length - 1] === id);
  const busy = useChatStore((s) => s.streamingId !== null);
  if (!entry) return null;
  return entry.role === 'user' ? <UserMessage entry={entry} busy={busy} /> : <AssistantMessage entry={entry} isLast={isLast} busy={busy} />;
});

function UserMessage({ entry, busy }: { entry: ChatEntry; busy: boolean }) {
  const [draft, setDraft] = useState<string | null>(null);
  const submit = () => {
    if (draft === null) return;
    void useChatStore.getState().editAndResend(entry.id, draft);
    setDraft(null);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      submit();
    } else if (event.key === 'Escape') setDraft(null);
  };

  if (draft !== null) {
    return (
      <div className="message message-user is-editing" data-testid="user-message">
        <div className="message-edit">
          <textarea className="input" aria-label="Edited question" rows={3} value={draft} autoFocus onChange={(e) => setDraft(e.target.value)} onKeyDown={onKeyDown} />
          <p className="field-help">Everything after this question is replaced by the new answer.</p>
          <div className="message-edit-actions">
            <button type="button" className="button button-small" onClick={() => setDraft(null)}>
              Cancel
            </button>
            <button type="button" className="button button-small button-primary" onClick={submit} disabled={busy || (draft.trim() === '' && !entry.attachments?.length)}>
              Apply edit
            </button>
          </div>
        </div>
      </div>
    );
  }
  return (
    <div className="message message-user" data-testid="user-message">
      <div className="message-user-body">
        {entry.attachments && <AttachmentList attachments={entry.attachments} />}
        {entry.text && <div className="message-bubble">{entry.text}</div>}
        <div className="message-actions">
          <CopyButton text={entry.text} label="Copy" ariaLabel="Copy question" />
          <button type="button" className="button button-small" onClick={() => setDraft(entry.text)} disabled={busy} aria-label="Edit question">
            Edit
          </button>
        </div>
      </div>
    </div>
  );
}

function AssistantMessage({ entry, isLast, busy }: { entry: ChatEntry; isLast: boolean; busy: boolean }) {
  const streaming = entry.status === 'streaming';
  const chat = useChatStore.getState;
  return (
    <article
      className={`message message-assistant status-${entry.status}`}
      data-testid="assistant-message"
      data-streaming={streaming ? 'true' : undefined}
      data-status={entry.status}
      data-stop-reason={entry.stopReason}
      aria-busy={streaming}
    >
      <div className="message-meta mono">
        {entry.modelId}
        {entry.invokeId && entry.invokeId !== entry.modelId && <span title="Called through this inference profile"> via {entry.invokeId}</span>}
      </div>
      <AssistantBody entry={entry} />
      {!streaming && (
        <div className="message-actions">
          {entry.text && <CopyButton text={entry.text} label="Copy" ariaLabel="Copy answer" />}
          {isLast && (
            <button type="button" className="button button-small" onClick={() => void chat().retry(entry.id)} disabled={busy}>
              Retry
            </button>
          )}
          {isLast && entry.stopReason === 'max_tokens' && (
            <button type="button" className="button button-small button-primary" onClick={() => void chat().continueAnswer(entry.id)} disabled={busy}>
              Continue
            </button>
          )}
        </div>
      )}
    </article>
  );
}

// The saved conversations: search, new, open, delete (asked twice), and the files that could not be read.
import { useEffect, useState } from 'react';
import { useChatStore } from '../../stores/chat-store';
import { useConversationsStore } from '../../stores/conversations-store';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { formatAge, formatUsd } from '../../ui/format';
import { useNow } from '../../ui/useNow';

export function ConversationList() {
  const { list, problems, query, loaded, error } = useConversationsStore();
  const currentId = useChatStore((s) => s.conversationId);
  const busy = useChatStore((s) => s.streamingId !== null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const now = useNow();

  useEffect(() => {
    void useConversationsStore.getState().load();
  }, []);

  return (
    <aside className="conversations" aria-label="Conversations">
      <div className="conversations-top">
        <button type="button" className="button button-primary conversations-new" onClick={() => useChatStore.getState().newConversation()} disabled={busy}>
          New chat
        </button>
        <input
          className="input"
          type="search"
          aria-label="Search conversations"
          placeholder="Search conversations"
          value={query}
          onChange={(event) => useConversationsStore.getState().setQuery(event.target.value)}
        />
      </div>
      {problems.length > 0 && (
        <div className="notice notice-warn notice-compact" role="alert" data-testid="conversation-problems">
          <div className="notice-body">
            <div className="notice-message">
              {problems.length === 1 ? 'One conversation file could not be read' : `${problems.length} conversation files could not be read`}
            </div>
            {problems.map((problem, index) => (
              <div key={index} className="notice-hint">
                {problem.message} {problem.hint}
              </div>
            ))}
          </div>
        </div>
      )}
      {error && <ErrorNotice error={error} compact />}
      <ul className="conversation-items" data-testid="conversation-list">
        {loaded && list.length === 0 && <li className="conversation-empty muted">{query ? 'No conversation matches.' : 'Conversations are kept here.'}</li>}
        {list.map((item) => (
          <li key={item.id} className={item.id === currentId ? 'conversation-item is-current' : 'conversation-item'} data-testid="conversation-item" data-conversation-id={item.id}>
            <button type="button" className="conversation-open" onClick={() => void useConversationsStore.getState().open(item.id)} disabled={busy} aria-current={item.id === currentId ? 'true' : undefined}>
              <span className="conversation-title">{item.title || 'Untitled'}</span>
              <span className="conversation-preview">{item.preview}</span>
              <span className="conversation-meta">
                {formatAge(item.updatedAt, now)} · {item.messageCount} msgs · {formatUsd(item.totalCost)}
              </span>
            </button>
            {confirming === item.id ? (
              <span className="conversation-confirm">
                <button type="button" className="button button-small button-danger" onClick={() => void useConversationsStore.getState().remove(item.id).then(() => setConfirming(null))}>
                  Confirm delete
                </button>
                <button type="button" className="button button-small" onClick={() => setConfirming(null)}>
                  Keep
                </button>
              </span>
            ) : (
              <button type="button" className="conversation-delete" aria-label={`Delete ${item.title || 'Untitled'}`} title="Delete" onClick={() => setConfirming(item.id)} disabled={busy && item.id === currentId}>
                ×
              </button>
            )}
          </li>
        ))}
      </ul>
    </aside>
  );
}

// Where the next message is written. Enter sends, Shift+Enter adds a line; Stop (or Escape) while streaming.
import { useState, type KeyboardEvent } from 'react';
import { useChatStore } from '../../stores/chat-store';

export function Composer() {
  const [text, setText] = useState('');
  const streaming = useChatStore((s) => s.streamingId !== null);
  const modelId = useChatStore((s) => s.settings.modelId);
  const canSend = !streaming && modelId !== '' && text.trim() !== '';

  function send(): void {
    if (!canSend) return;
    void useChatStore.getState().send(text);
    setText('');
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>): void {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      send();
    } else if (event.key === 'Escape' && streaming) {
      event.preventDefault();
      void useChatStore.getState().stop();
    }
  }

  return (
    <div className="composer">
      <textarea
        className="input composer-input"
        aria-label="Message"
        placeholder={modelId ? 'Message the model — Enter to send, Shift+Enter for a new line' : 'Choose a model first'}
        rows={3}
        value={text}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={onKeyDown}
      />
      <div className="composer-actions">
        {streaming ? (
          <button type="button" className="button button-danger" onClick={() => void useChatStore.getState().stop()}>
            Stop
          </button>
        ) : (
          <button type="button" className="button button-primary" onClick={send} disabled={!canSend}>
            Send
          </button>
        )}
      </div>
    </div>
  );
}

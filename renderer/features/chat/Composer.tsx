// Where the next question is written. Enter sends, Shift+Enter adds a line; Stop (or Escape) while
// streaming. Images and documents are attached with the button, by dropping or by pasting them.
import { useRef, useState, type ClipboardEvent, type DragEvent, type KeyboardEvent } from 'react';
import type { Attachment } from '../../../shared/types';
import { useChatStore } from '../../stores/chat-store';
import { useModelsStore } from '../../stores/models-store';
import { AttachmentList } from './AttachmentList';
import { ACCEPT, readAttachments, takesDocuments, takesImages } from './attachments';

export function Composer() {
  const [text, setText] = useState('');
  const [attachments, setAttachments] = useState<Attachment[]>([]);
  const [problems, setProblems] = useState<string[]>([]);
  const [dragging, setDragging] = useState(false);
  const picker = useRef<HTMLInputElement>(null);
  const streaming = useChatStore((s) => s.streamingId !== null);
  const modelId = useChatStore((s) => s.settings.modelId);
  const model = useModelsStore((s) => s.result?.models.find((m) => m.id === modelId));
  const canAttach = takesImages(model) || takesDocuments(model);
  const canSend = !streaming && modelId !== '' && (text.trim() !== '' || attachments.length > 0);

  async function add(files: readonly File[]): Promise<void> {
    if (files.length === 0) return;
    const result = await readAttachments(files, attachments, model);
    setAttachments((current) => [...current, ...result.added]);
    setProblems(result.problems);
  }

  function send(): void {
    if (!canSend) return;
    void useChatStore.getState().send(text, attachments);
    setText('');
    setAttachments([]);
    setProblems([]);
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

  function onDrop(event: DragEvent<HTMLDivElement>): void {
    event.preventDefault();
    setDragging(false);
    void add([...event.dataTransfer.files]);
  }

  function onPaste(event: ClipboardEvent<HTMLTextAreaElement>): void {
    const files = [...event.clipboardData.files];
    if (files.length === 0) return;
    event.preventDefault();
    void add(files);
  }

  const accepts = takesImages(model) && takesDocuments(model) ? 'images or documents' : takesImages(model) ? 'images' : 'documents';
  return (
    <div
      className={dragging ? 'composer-area is-dragging' : 'composer-area'}
      data-testid="composer"
      onDragOver={(event) => {
        if (!event.dataTransfer.types.includes('Files')) return;
        event.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
    >
      {problems.length > 0 && (
        <div className="notice notice-warn notice-compact composer-problems" role="alert" data-testid="attachment-problems">
          <div className="notice-body">
            {problems.map((problem) => (
              <div key={problem} className="notice-message">
                {problem}
              </div>
            ))}
          </div>
          <button type="button" className="button button-small" onClick={() => setProblems([])}>
            Dismiss
          </button>
        </div>
      )}
      <AttachmentList attachments={attachments} onRemove={(index) => setAttachments((current) => current.filter((_, i) => i !== index))} />
      <div className="composer">
        <button
          type="button"
          className="button composer-attach"
          onClick={() => picker.current?.click()}
          disabled={!model}
          title={canAttach ? `Attach ${accepts} (or drop them here)` : 'Attach a file (this model takes text only)'}
        >
          Attach
        </button>
        <input ref={picker} type="file" multiple hidden accept={ACCEPT} aria-label="Attach files" onChange={(event) => {
          void add([...(event.target.files ?? [])]);
          event.target.value = '';
        }} />
        <textarea
          className="input composer-input"
          aria-label="Message"
          placeholder={modelId ? 'Message the model — Enter to send, Shift+Enter for a new line' : 'Choose a model first'}
          rows={3}
          value={text}
          onChange={(event) => setText(event.target.value)}
          onKeyDown={onKeyDown}
          onPaste={onPaste}
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
    </div>
  );
}

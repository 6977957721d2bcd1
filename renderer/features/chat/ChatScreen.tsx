import { useChatStore } from '../../stores/chat-store';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { ChatSettingsPanel } from './ChatSettingsPanel';
import { Composer } from './Composer';
import { MessageThread } from './MessageThread';

export function ChatScreen() {
  const sendError = useChatStore((s) => s.sendError);
  return (
    <div className="chat-screen" data-testid="chat-screen">
      <div className="chat-main">
        <MessageThread />
        {sendError && <ErrorNotice error={sendError} compact />}
        <Composer />
      </div>
      <ChatSettingsPanel />
    </div>
  );
}

import { useEffect } from 'react';
import { useChatStore } from '../../stores/chat-store';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { ChatSettingsPanel } from './ChatSettingsPanel';
import { Composer } from './Composer';
import { warmUpMarkdown } from './markdown';
import { ConversationHeader } from './ConversationHeader';
import { ConversationList } from './ConversationList';
import { MessageThread } from './MessageThread';

export function ChatScreen() {
  const sendError = useChatStore((s) => s.sendError);
  useEffect(warmUpOnce, []);
  return (
    <div className="chat-screen" data-testid="chat-screen">
      <ConversationList />
      <div className="chat-main">
        <ConversationHeader />
        <MessageThread />
        {sendError && <ErrorNotice error={sendError} compact />}
        <Composer />
      </div>
      <ChatSettingsPanel />
    </div>
  );
}

let warmedUp = false;
function warmUpOnce(): void {
  if (warmedUp) return;
  warmedUp = true;
  warmUpMarkdown();
}

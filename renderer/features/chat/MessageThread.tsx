// The conversation. Follows the bottom while an answer grows, unless the user scrolled up to read.
import { useEffect, useRef } from 'react';
import { useChatStore } from '../../stores/chat-store';
import { Empty } from '../../ui/States';
import { MessageView } from './MessageView';

const STICK_DISTANCE_PX = 48;

export function MessageThread() {
  const order = useChatStore((s) => s.order);
  const viewport = useRef<HTMLDivElement>(null);
  const content = useRef<HTMLDivElement>(null);
  const pinned = useRef(true);

  useEffect(() => {
    const element = viewport.current;
    const inner = content.current;
    if (!element || !inner) return;
    const observer = new ResizeObserver(() => {
      if (pinned.current) element.scrollTop = element.scrollHeight;
    });
    observer.observe(inner);
    return () => observer.disconnect();
  }, []);

  // A new question always brings the bottom into view.
  useEffect(() => {
    pinned.current = true;
    const element = viewport.current;
    if (element) element.scrollTop = element.scrollHeight;
  }, [order.length]);

  return (
    <div
      className="thread"
      ref={viewport}
      data-testid="message-thread"
      onScroll={(event) => {
        const el = event.currentTarget;
        pinned.current = el.scrollHeight - el.scrollTop - el.clientHeight < STICK_DISTANCE_PX;
      }}
    >
      <div className="thread-content" ref={content}>
        {order.length === 0 ? (
          <Empty title="Start a conversation">Pick a model on the right, type below, press Enter.</Empty>
        ) : (
          order.map((id) => <MessageView key={id} id={id} />)
        )}
      </div>
    </div>
  );
}

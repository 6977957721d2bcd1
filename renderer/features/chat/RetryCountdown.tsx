// "Throttled — retrying in 3 s… (attempt 2 of 3)": main waits before trying again; this counts down.
import type { RetryState } from '../../stores/chat-store';
import { useNow } from '../../ui/useNow';

function cause(retrying: RetryState): string {
  return /throttl|toomanyrequests/i.test(retrying.error.code) ? 'Throttled' : retrying.error.message.replace(/\.$/, '');
}

export function RetryCountdown({ retrying }: { retrying: RetryState }) {
  const now = useNow(250);
  const seconds = Math.max(0, Math.ceil((retrying.until - now) / 1000));
  return (
    <div className="retry-countdown" role="status" data-testid="retry-countdown" data-error-code={retrying.error.code}>
      <span className="pulse pulse-warn" aria-hidden="true" />
      {cause(retrying)} — {seconds > 0 ? `retrying in ${seconds} s…` : 'retrying now…'} (attempt {retrying.attempt} of {retrying.maxAttempts})
    </div>
  );
}

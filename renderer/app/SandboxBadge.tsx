import { useConnectionStore } from '../stores/connection-store';

/** Shown on every screen while the app talks to its built-in emulator instead of AWS. */
export function SandboxBadge() {
  const sandbox = useConnectionStore((s) => s.view?.sandbox ?? false);
  if (!sandbox) return null;
  return (
    <span className="sandbox-badge" data-testid="sandbox-badge" title="Requests go to the built-in Bedrock emulator, not AWS">
      SANDBOX
    </span>
  );
}

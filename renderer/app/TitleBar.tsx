import { CredentialIndicator } from './CredentialIndicator';
import { SandboxBadge } from './SandboxBadge';

export function TitleBar() {
  return (
    <header className="title-bar">
      <div className="app-name">
        <span className="app-mark" aria-hidden="true" />
        Bedrock Desk
      </div>
      <SandboxBadge />
      <div className="title-bar-spacer" />
      <CredentialIndicator />
    </header>
  );
}

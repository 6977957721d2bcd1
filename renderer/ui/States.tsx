// Loading and empty placeholders, so every screen says what is going on instead of going blank.
import type { ReactNode } from 'react';

export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <div className="state-placeholder" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      {label}
    </div>
  );
}

export function Empty({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="state-placeholder state-empty">
      <div className="state-title">{title}</div>
      {children && <div className="state-detail">{children}</div>}
    </div>
  );
}

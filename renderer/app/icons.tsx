// Tiny inline SVG icons (no icon font: the app is offline and the CSP allows no external assets).
import type { Screen } from '../stores/navigation-store';

const PATHS: Record<Screen, string> = {
  connection: 'M7 1.5a3 3 0 0 1 3 3V6h.5A1.5 1.5 0 0 1 12 7.5v5a1.5 1.5 0 0 1-1.5 1.5h-7A1.5 1.5 0 0 1 2 12.5v-5A1.5 1.5 0 0 1 3.5 6H4V4.5a3 3 0 0 1 3-3Zm0 1.5A1.5 1.5 0 0 0 5.5 4.5V6h3V4.5A1.5 1.5 0 0 0 7 3Z',
  models: 'M2 2.5h4v4H2zM8 2.5h4v4H8zM2 8.5h4v4H2zM8 8.5h4v4H8z',
  config: 'M3 2h6l3 3v7.5a.5.5 0 0 1-.5.5h-8a.5.5 0 0 1-.5-.5v-10A.5.5 0 0 1 3 2Zm1 4v1h6V6Zm0 2.5v1h6v-1Zm0 2.5v1h4v-1Z',
  compare: 'M1.5 2h5v10h-5a.5.5 0 0 1-.5-.5v-9a.5.5 0 0 1 .5-.5Zm6 0h5a.5.5 0 0 1 .5.5v9a.5.5 0 0 1-.5.5h-5Zm1 1.5v7h3v-7Z',
  chat: 'M2.5 2h9A1.5 1.5 0 0 1 13 3.5v6a1.5 1.5 0 0 1-1.5 1.5H6l-3 2.5V11h-.5A1.5 1.5 0 0 1 1 9.5v-6A1.5 1.5 0 0 1 2.5 2Z',
};

export function ScreenIcon({ screen }: { screen: Screen }) {
  return (
    <svg className="nav-icon" viewBox="0 0 14 14" width="14" height="14" aria-hidden="true" focusable="false">
      <path d={PATHS[screen]} fill="currentColor" />
    </svg>
  );
}

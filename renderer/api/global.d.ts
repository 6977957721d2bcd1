// The Electron preload exposes the API on window; on the web host it is absent.
import type { Api } from '../../shared/ipc';

declare global {
  interface Window {
    bedrockDesk?: Api;
  }
}

export {};

// What else must be reloaded when the connection changes, whoever changed it (a file watcher in
// main, a profile picked here, a refresh, the Sandbox button).
import type { ConnectionView } from '../../shared/types';
import { useConfigStore } from './config-store';
import { sameConnection } from './connection-store';
import { useModelsStore } from './models-store';

export function reloadAfterConnectionChange(before: ConnectionView | null, after: ConnectionView): void {
  // Different credentials or region can see different models.
  if (!sameConnection(before, after)) void useModelsStore.getState().load();
  if (before?.configPath !== after.configPath) void useConfigStore.getState().load();
}

// Connection changes started from this window, and what they reload besides the connection.
import { reloadAfterConnectionChange } from '../../stores/connection-effects';
import { useConnectionStore } from '../../stores/connection-store';
import { useConfigStore } from '../../stores/config-store';
import { useModelsStore } from '../../stores/models-store';

export async function switchToSandbox(): Promise<void> {
  const switched = await useConnectionStore.getState().enableSandbox();
  if (!switched) return;
  await Promise.all([useConnectionStore.getState().load(), useModelsStore.getState().load(), useConfigStore.getState().load()]);
}

export async function chooseProfile(profile: string | null): Promise<void> {
  const before = useConnectionStore.getState().view;
  if (!(await useConnectionStore.getState().selectProfile(profile))) return;
  const after = useConnectionStore.getState().view;
  if (after) reloadAfterConnectionChange(before, after);
}

export async function refreshCredentials(): Promise<void> {
  const before = useConnectionStore.getState().view;
  if (!(await useConnectionStore.getState().refresh())) return;
  const after = useConnectionStore.getState().view;
  if (after) reloadAfterConnectionChange(before, after);
}

// Sandboxed preload: exposes the verb-shaped Api built by shared/ipc.ts's createApi over
// Electron IPC. The renderer never gets ipcRenderer or a generic invoke.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { createApi, EVENT_NAMES, type Api, type Transport } from '../shared/ipc.ts';

const transport: Transport = {
  invoke: (channel, request) => ipcRenderer.invoke(channel, request),
  subscribe(event, listener) {
    if (!(EVENT_NAMES as readonly string[]).includes(event)) throw new Error(`Unknown event ${String(event)}`);
    const forward = (_event: IpcRendererEvent, payload: Parameters<typeof listener>[0]) => listener(payload);
    ipcRenderer.on(event, forward);
    return () => ipcRenderer.removeListener(event, forward);
  },
};

const api = createApi(transport) satisfies Api;
contextBridge.exposeInMainWorld('bedrockDesk', api);

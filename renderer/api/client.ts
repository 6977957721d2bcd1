// The one `api` object the renderer uses: the preload's in Electron, else one built over the web host.
import { createApi, type Api } from '../../shared/ipc';
import { createWebTransport } from './web-transport';

export const api: Api = window.bedrockDesk ?? createApi(createWebTransport());

// The Electron shell: a hardened window, the app:// protocol serving the built renderer, and
// IPC wired to the backend. No service logic lives here.
import { app, BrowserWindow, ipcMain, net, protocol, session, shell, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { join, normalize, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createBackend, type Backend } from './backend/backend.ts';
import type { ClientHandle } from './backend/client.ts';
import { parseHostOptions } from './host-options.ts';
import { INVOKE_CHANNELS } from '../shared/ipc.ts';
import { CONTENT_SECURITY_POLICY } from './services/web-host.ts';

const SCHEME = 'app';
const APP_ORIGIN = `${SCHEME}://bedrock-desk`;
const rendererDir = normalize(join(import.meta.dirname, '..', 'dist', 'renderer') + sep);

protocol.registerSchemesAsPrivileged([{ scheme: SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

const clients = new Map<WebContents, ClientHandle>();
let mainWindow: BrowserWindow | undefined;

/** Only our own top-level page may call the backend (not an iframe, not a navigated-away page). */
function isTrustedSender(event: IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame;
  if (!frame || !mainWindow || event.sender !== mainWindow.webContents) return false;
  if (frame !== mainWindow.webContents.mainFrame) return false;
  return new URL(frame.url).origin === APP_ORIGIN;
}

function serveRenderer(): void {
  protocol.handle(SCHEME, async (request) => {
    const url = new URL(request.url);
    const relative = url.pathname === '/' ? 'index.html' : decodeURIComponent(url.pathname.slice(1));
    const file = normalize(join(rendererDir, relative));
    if (url.host !== 'bedrock-desk' || !file.startsWith(rendererDir)) return new Response('Not found', { status: 404 });
    const response = await net.fetch(pathToFileURL(file).toString());
    const headers = new Headers(response.headers);
    headers.set('content-security-policy', CONTENT_SECURITY_POLICY);
    headers.set('x-content-type-options', 'nosniff');
    return new Response(response.body, { status: response.status, headers });
  });
}

function createWindow(backend: Backend): void {
  const win = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    title: 'Bedrock Desk',
    webPreferences: {
      preload: join(import.meta.dirname, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      // Middle-click would otherwise open links in new windows, bypassing setWindowOpenHandler.
      disableBlinkFeatures: 'Auxclick',
      spellcheck: true,
    },
  });
  mainWindow = win;
  const contents = win.webContents;
  const client = backend.openClient({ send: (event, payload) => !contents.isDestroyed() && contents.send(event, payload) });
  clients.set(contents, client);
  contents.on('destroyed', () => {
    backend.closeClient(client);
    clients.delete(contents);
  });

  // No navigation away from the app, no new windows; https links open in the user's browser.
  contents.on('will-navigate', (event, url) => {
    if (new URL(url).origin !== APP_ORIGIN) event.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => {
    if (url.startsWith('https://')) void shell.openExternal(url);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());

  void win.loadURL(`${APP_ORIGIN}/`);
}

async function start(): Promise<void> {
  const options = parseHostOptions(process.argv.slice(1), process.env);
  await app.whenReady();
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  serveRenderer();

  const backend = await createBackend({
    session: { env: { ...process.env }, dataDir: options.dataDir, configPath: options.configPath, cliRegion: options.region },
    sandbox: options.sandbox,
    log: (line) => console.error(`[bedrock-desk] ${line}`),
  });

  for (const channel of INVOKE_CHANNELS) {
    ipcMain.handle(channel, async (event, request: unknown) => {
      const client = clients.get(event.sender);
      if (!client || !isTrustedSender(event)) {
        return { ok: false, error: { code: 'UntrustedSender', message: 'Refused a request from an untrusted frame.', retryable: false } };
      }
      return backend.invoke(channel, request, client);
    });
  }

  createWindow(backend);
  app.on('window-all-closed', () => {
    void backend.dispose().finally(() => app.quit());
  });
}

void start();

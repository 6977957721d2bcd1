// The main-process core shared by the Electron shell and the web host: validates every request
// as `unknown`, dispatches to the typed handlers, owns the session (and the sandbox emulator).
import { randomUUID } from 'node:crypto';
import { appError, fail, type Result } from '../../shared/errors.ts';
import type { EventName, EventPayload, InvokeChannel } from '../../shared/ipc.ts';
import type { ConfigView, ConnectionView } from '../../shared/types.ts';
import { isInvokeChannel, requestSchemas } from '../../shared/schemas.ts';
import { createSession, type BedrockSession, type SessionOptions } from '../services/session.ts';
import { redactSecrets } from '../services/secret-redaction.ts';
import { createClient, type ClientHandle, type EventSink } from './client.ts';
import { handlers, type HandlerContext } from './handlers.ts';
import { startSandbox, type Sandbox } from './sandbox.ts';

export interface BackendOptions {
  session: Omit<SessionOptions, 'sandbox' | 'onConnectionChanged' | 'onConfigChanged'>;
  /** Start in sandbox mode (the built-in emulator instead of AWS). */
  sandbox?: boolean;
  /** Diagnostics only; never given a secret. */
  log?: (line: string) => void;
}

export interface Backend {
  /** Validates `channel` and `request` (both untrusted) and runs the handler; never throws. */
  invoke(channel: unknown, request: unknown, client: ClientHandle): Promise<Result<unknown>>;
  openClient(sink: EventSink): ClientHandle;
  /** Aborts every stream the client still has open. */
  closeClient(client: ClientHandle): void;
  dispose(): Promise<void>;
}

export async function createBackend(options: BackendOptions): Promise<Backend> {
  // A stack trace can quote an AWS message, and AWS can quote the request: redact on the way out.
  const log = (line: string) => options.log?.(redactSecrets(line));
  const clients = new Set<ClientHandle>();
  let sandbox: Sandbox | undefined;
  let session: BedrockSession;

  const broadcast = <E extends EventName>(event: E, payload: EventPayload<E>) => {
    for (const client of clients) client.send(event, payload);
  };

  // A profile picked, a refresh or an edited ~/.aws file: every window and web client updates.
  const onConnectionChanged = (view: ConnectionView) => broadcast('connection:changed', view);
  // The config file changed on disk (another program, or a save from another window).
  const onConfigChanged = (view: ConfigView) => broadcast('config:changed', view);

  async function enableSandbox(): Promise<BedrockSession> {
    if (sandbox) return session;
    sandbox = await startSandbox();
    log(`sandbox: built-in Bedrock emulator at ${sandbox.endpoint}`);
    // Keep the config file the user is working on (possibly one opened in the app).
    const location = session?.configLocation();
    const keepConfig = location ? { configPath: location.path, configOrigin: location.origin } : {};
    session?.dispose();
    session = createSession({ ...options.session, ...keepConfig, onConnectionChanged, onConfigChanged, sandbox: { endpoint: sandbox.endpoint, credentials: sandbox.credentials } });
    broadcast('connection:changed', await session.connection());
    return session;
  }

  session = createSession({ ...options.session, onConnectionChanged, onConfigChanged });
  if (options.sandbox) await enableSandbox();

  function closeClient(client: ClientHandle): void {
    clients.delete(client);
    for (const requestId of client.streams) session.cancelChat(requestId);
    client.streams.clear();
  }

  return {
    async invoke(channel, request, client) {
      if (!isInvokeChannel(channel)) {
        return fail(appError('UnknownChannel', 'That request is not part of the Bedrock Desk API.'));
      }
      const parsed = requestSchemas[channel].safeParse(request ?? {});
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const where = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
        return fail(appError('InvalidRequest', `Invalid ${channel} request${where}: ${issue?.message ?? 'malformed'}.`));
      }
      // The schema has just proven the request fits this channel's handler.
      const handler = handlers[channel as InvokeChannel] as (req: unknown, ctx: HandlerContext) => Promise<Result<unknown>>;
      try {
        return await handler(parsed.data, { session, client, enableSandbox });
      } catch (error) {
        // A bug, not an expected failure: report it without leaking internals.
        log(`internal error in ${channel}: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
        return fail(appError('InternalError', `Bedrock Desk hit an internal error while handling ${channel}.`, 'See the app log; please report it.'));
      }
    },
    openClient(sink) {
      const client = createClient(randomUUID(), sink);
      clients.add(client);
      return client;
    },
    closeClient,
    async dispose() {
      for (const client of clients) closeClient(client);
      session.dispose();
      await sandbox?.close();
    },
  };
}

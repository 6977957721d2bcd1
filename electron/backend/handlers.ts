// The contract implemented once, as a typed map: a channel renamed in shared/ipc.ts fails to
// compile here. Handlers see requests already validated against shared/schemas.ts.
import type { InvokeChannel, RequestOf, ResponseOf } from '../../shared/ipc.ts';
import { ok, type Result } from '../../shared/errors.ts';
import type { BedrockSession } from '../services/session.ts';
import type { ClientHandle } from './client.ts';

export interface HandlerContext {
  session: BedrockSession;
  client: ClientHandle;
  enableSandbox(): Promise<BedrockSession>;
}

export type Handlers = {
  [C in InvokeChannel]: (request: RequestOf<C>, ctx: HandlerContext) => Promise<Result<ResponseOf<C>>>;
};

export const handlers: Handlers = {
  'connection:get': async (_req, { session }) => ok(await session.connection()),
  'connection:test': async (_req, { session }) => ok(await session.testConnection()),
  'sandbox:enable': async (_req, ctx) => ok(await (await ctx.enableSandbox()).connection()),
  'connection:selectProfile': async (req, { session }) => ok(await session.selectProfile(req.profile)),
  'connection:refresh': async (_req, { session }) => ok(await session.refreshCredentials()),
  'models:list': async (req, { session }) => ok(await session.listModels(req)),
  'models:makePrimary': (req, { session }) => session.makePrimary(req.modelId),
  'config:get': async (_req, { session }) => ok(await session.getConfig()),
  'config:analyze': async (req, { session }) => ok(await session.analyzeConfig(req.text)),
  'config:edit': async (req, { session }) => session.editConfig(req.text, req.path, req.value),
  'config:save': (req, { session }) => session.saveConfig(req),
  'config:open': (req, { session }) => session.openConfig(req.path),
  'chat:start': async (req, { session, client }) => {
    client.streams.add(req.requestId);
    const started = await session.startChat(req, (event, payload) => {
      if (event === 'chat:done' || event === 'chat:error') client.streams.delete(req.requestId);
      client.send(event, payload);
    });
    if (!started.ok) client.streams.delete(req.requestId);
    return started;
  },
  'conversations:list': (req, { session }) => session.conversations.list(req.query),
  'conversations:get': (req, { session }) => session.conversations.get(req.id),
  'conversations:save': (req, { session }) => session.conversations.save(req.conversation),
  'conversations:delete': (req, { session }) => session.conversations.delete(req.id),
  'conversations:export': (req, { session }) => session.conversations.export(req.id, req.format),
  'chat:cancel': async (req, { session, client }) => {
    // A client may only cancel the streams it started.
    if (!client.streams.has(req.requestId)) return ok({ cancelled: false });
    return ok({ cancelled: session.cancelChat(req.requestId) });
  },
};

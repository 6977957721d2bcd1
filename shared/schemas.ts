// Runtime schemas for every invoke request. Main validates each request as `unknown` against
// these before any handler sees it; the `satisfies` clause ties them to the contract's types.
import { z } from 'zod';
import type { InvokeChannel, RequestOf } from './ipc';

const empty = z.object({}).strict();

const chatMessage = z.object({
  role: z.enum(['user', 'assistant']),
  text: z.string().max(2_000_000),
}).strict();

/** A config file is small; 5 MB is far past any real one and bounds the work per request. */
const configText = z.string().max(5_000_000);

export const requestSchemas = {
  'connection:get': empty,
  'connection:test': empty,
  'sandbox:enable': empty,
  // Profile names as the AWS CLI allows them; nothing that could escape into a path or command.
  'connection:selectProfile': z.object({ profile: z.string().regex(/^[A-Za-z0-9_.@+-]{1,128}$/).nullable() }).strict(),
  'connection:refresh': empty,
  'models:list': z.object({ refresh: z.boolean().optional(), all: z.boolean().optional() }).strict(),
  'models:makePrimary': z.object({ modelId: z.string().min(1).max(2048) }).strict(),
  'config:get': empty,
  'config:analyze': z.object({ text: configText }).strict(),
  'config:edit': z.object({
    text: configText,
    path: z.array(z.union([z.string().min(1).max(256), z.number().int().min(0).max(100_000)])).min(1).max(32),
    value: z.unknown().optional(),
  }).strict(),
  'config:save': z.object({ text: configText, baseVersion: z.string().max(256), overwrite: z.boolean().optional() }).strict(),
  'config:open': z.object({ path: z.string().min(1).max(4096) }).strict(),
  'chat:start': z.object({
    requestId: z.string().min(1).max(128),
    modelId: z.string().min(1).max(2048),
    messages: z.array(chatMessage).min(1).max(10_000),
    system: z.string().max(1_000_000).optional(),
    maxTokens: z.number().int().positive().max(1_000_000).optional(),
    temperature: z.number().min(0).max(1).optional(),
    topP: z.number().min(0).max(1).optional(),
    stopSequences: z.array(z.string().min(1).max(1000)).max(32).optional(),
  }).strict(),
  'chat:cancel': z.object({ requestId: z.string().min(1).max(128) }).strict(),
} satisfies { [C in InvokeChannel]: z.ZodType<RequestOf<C>> };

export function isInvokeChannel(value: unknown): value is InvokeChannel {
  return typeof value === 'string' && Object.hasOwn(requestSchemas, value);
}

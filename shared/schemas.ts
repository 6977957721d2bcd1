// Runtime schemas for every invoke request. Main validates each request as `unknown` against
// these before any handler sees it; the `satisfies` clause ties them to the contract's types.
import { z } from 'zod';
import type { InvokeChannel, RequestOf } from './ipc';

const empty = z.object({}).strict();

const chatMessage = z.object({
  role: z.enum(['user', 'assistant']),
  text: z.string().max(2_000_000),
}).strict();

export const requestSchemas = {
  'connection:get': empty,
  'connection:test': empty,
  'sandbox:enable': empty,
  // Profile names as the AWS CLI allows them; nothing that could escape into a path or command.
  'connection:selectProfile': z.object({ profile: z.string().regex(/^[A-Za-z0-9_.@+-]{1,128}$/).nullable() }).strict(),
  'connection:refresh': empty,
  'models:list': z.object({ refresh: z.boolean().optional() }).strict(),
  'config:get': empty,
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

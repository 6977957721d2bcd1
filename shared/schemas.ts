// Runtime schemas for every invoke request. Main validates each request as `unknown` against
// these before any handler sees it; the `satisfies` clause ties them to the contract's types.
import { z } from 'zod';
import type { InvokeChannel, RequestOf } from './ipc';
import { ATTACHMENT_LIMITS, DOCUMENT_FORMATS, IMAGE_FORMATS } from './types';

const empty = z.object({}).strict();

// Base64 of Bedrock's largest accepted attachment, with room for the encoding overhead.
const attachment = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('image'), name: z.string().min(1).max(512), format: z.enum(IMAGE_FORMATS), bytes: z.number().int().positive().max(ATTACHMENT_LIMITS.imageBytes), dataBase64: z.string().max(5_100_000) }).strict(),
  z.object({ kind: z.literal('document'), name: z.string().min(1).max(512), format: z.enum(DOCUMENT_FORMATS), bytes: z.number().int().positive().max(ATTACHMENT_LIMITS.documentBytes), dataBase64: z.string().max(6_100_000) }).strict(),
]);

const chatMessage = z.object({
  role: z.enum(['user', 'assistant']),
  text: z.string().max(2_000_000),
  attachments: z.array(attachment).max(ATTACHMENT_LIMITS.images + ATTACHMENT_LIMITS.documents).optional(),
}).strict();

/** Conversation ids name files in the data dir: nothing that could leave it. */
const conversationId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);
const isoTime = z.string().max(64);
const appErrorShape = z.object({ code: z.string().max(200), message: z.string().max(10_000), hint: z.string().max(10_000).optional(), retryable: z.boolean() }).strict();
const usage = z.object({ inputTokens: z.number().nonnegative(), outputTokens: z.number().nonnegative(), totalTokens: z.number().nonnegative() }).strict();
const metrics = z.object({ ttftMs: z.number().nonnegative().optional(), totalMs: z.number().nonnegative(), outputTokensPerSecond: z.number().nonnegative().optional() }).strict();
const cost = z.object({ input: z.number().nonnegative().nullable(), output: z.number().nonnegative().nullable(), total: z.number().nonnegative().nullable() }).strict();

const storedMessage = z.object({
  id: z.string().min(1).max(128),
  role: z.enum(['user', 'assistant']),
  text: z.string().max(5_000_000),
  reasoning: z.string().max(5_000_000).optional(),
  attachments: z.array(attachment).max(ATTACHMENT_LIMITS.images + ATTACHMENT_LIMITS.documents).optional(),
  modelId: z.string().max(2048).optional(),
  status: z.enum(['done', 'stopped', 'error', 'max-tokens']).optional(),
  error: appErrorShape.optional(),
  usage: usage.optional(),
  metrics: metrics.optional(),
  cost: cost.optional(),
  createdAt: isoTime,
}).strict();

const chatSettings = z.object({
  modelId: z.string().max(2048).optional(),
  system: z.string().max(1_000_000).optional(),
  temperature: z.number().min(0).max(1).optional(),
  topP: z.number().min(0).max(1).optional(),
  maxTokens: z.number().int().positive().max(1_000_000).optional(),
  stopSequences: z.array(z.string().min(1).max(1000)).max(32).optional(),
  reasoningBudget: z.number().int().min(1024).max(1_000_000).optional(),
}).strict();

const conversation = z.object({
  id: conversationId,
  title: z.string().max(500),
  createdAt: isoTime,
  updatedAt: isoTime,
  settings: chatSettings,
  messages: z.array(storedMessage).max(100_000),
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
    reasoningBudget: z.number().int().min(1024).max(1_000_000).optional(),
  }).strict(),
  'chat:cancel': z.object({ requestId: z.string().min(1).max(128) }).strict(),
  'conversations:list': z.object({ query: z.string().max(1000).optional() }).strict(),
  'conversations:get': z.object({ id: conversationId }).strict(),
  'conversations:save': z.object({ conversation }).strict(),
  'conversations:delete': z.object({ id: conversationId }).strict(),
  'conversations:export': z.object({ id: conversationId, format: z.enum(['markdown', 'json']) }).strict(),
} satisfies { [C in InvokeChannel]: z.ZodType<RequestOf<C>> };

export function isInvokeChannel(value: unknown): value is InvokeChannel {
  return typeof value === 'string' && Object.hasOwn(requestSchemas, value);
}

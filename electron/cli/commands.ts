// The CLI commands over a session. Output streams are injected so tests can run them in-process.
import { readFile, stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import type { ChatStartRequest, EventPayload } from '../../shared/ipc';
import type { BedrockSessionWithIdentity } from '../services/session';
import { ATTACHMENT_LIMITS, type Attachment, type DocumentFormat, type ImageFormat, type ModelSummary, type ModelsResult } from '../../shared/types';
import { appError, fail, ok, type Result } from '../../shared/errors';
import { formatUsd } from '../services/conversation-export';
import type { ChatCommand } from './args';
import { errorLines, modelsTable } from './format';

export interface CliIo {
  stdout: { write(chunk: string): unknown };
  stderr: { write(chunk: string): unknown };
}

export async function whoami(session: BedrockSessionWithIdentity, json: boolean, io: CliIo): Promise<number> {
  const [connection, identity] = await Promise.all([session.connection(), session.identity()]);
  const { credentials, region } = connection;
  // The connection's own problem (expired SSO, missing profile…) is the one to explain; the
  // failed STS call is only its consequence.
  const failure = connection.problem ?? (identity.ok ? undefined : identity.error);
  if (failure && (json || connection.problem === undefined)) io.stderr.write(errorLines(failure));
  const view = {
    source: credentials.source,
    provider: credentials.provider ?? null,
    maskedKeyId: credentials.maskedKeyId ?? null,
    profile: credentials.profile ?? null,
    region: region.region,
    regionOrigin: region.origin,
    expiresAt: credentials.expiresAt ?? null,
    account: identity.ok ? identity.value.account : null,
    callerArn: identity.ok ? identity.value.callerArn : null,
  };
  if (json) {
    io.stdout.write(JSON.stringify(view, null, 2) + '\n');
  } else {
    const lines = [
      `Credentials  ${credentials.label}${view.maskedKeyId ? ` (${view.maskedKeyId})` : ''}${view.provider ? ` via ${view.provider}` : ''}`,
      ...(view.profile ? [`Profile      ${view.profile}${connection.selectedProfile ? ' (chosen with --profile)' : ''}`] : []),
      ...(view.expiresAt ? [`Expires      ${view.expiresAt}${credentials.temporary ? ' (temporary credentials)' : ''}`] : []),
      `Region       ${view.region} (from ${view.regionOrigin})`,
      `Account      ${view.account ?? '-'}`,
      `Caller       ${view.callerArn ?? '-'}`,
      ...(connection.sandbox ? ['Mode         SANDBOX — the built-in Bedrock emulator, not AWS'] : []),
      `Config       ${connection.configPath}`,
      ...(connection.moltbot.differs && connection.moltbot.note ? ['', `Moltbot      ${connection.moltbot.note}`] : []),
      ...(connection.problem ? ['', `Problem      ${connection.problem.message}`, ...(connection.problem.hint ? [`Fix          ${connection.problem.hint}`] : [])] : []),
    ];
    io.stdout.write(lines.join('\n') + '\n');
  }
  return credentials.source === 'none' || connection.problem ? 1 : 0;
}

/** The JSON shape of one model (`models list --json`): stable keys, null when unknown. */
export function modelJson(m: ModelSummary, all: boolean): Record<string, unknown> {
  return {
    id: m.id,
    name: m.name,
    provider: m.provider,
    source: m.source,
    input: m.input,
    reasoning: m.reasoning,
    contextWindow: m.contextWindow,
    maxTokens: m.maxTokens,
    lifecycle: m.lifecycle,
    invocation: { mode: m.invocation.mode, invokeId: m.invocation.invokeId },
    profiles: m.profiles ?? [],
    cost: m.cost ?? null,
    limits: m.limits ?? { source: 'default' },
    status: m.status ?? null,
    ...(all ? { filteredOut: m.filteredOut ?? null } : {}),
  };
}

function discoveryNotes(result: ModelsResult, io: CliIo): void {
  if (result.error) io.stderr.write(errorLines(result.error));
  const { discovery } = result;
  if (!discovery.enabled) io.stderr.write(`note: discovery ${discovery.reason}\n`);
  else if (discovery.fetchedAt && discovery.cache && discovery.cache !== 'network') {
    const minutes = Math.max(0, Math.round((Date.now() - Date.parse(discovery.fetchedAt)) / 60_000));
    io.stderr.write(`note: cached list from ${minutes} min ago${discovery.stale ? ' (stale: the refresh failed)' : ''}; \`bedrock-desk models refresh\` asks AWS again\n`);
  }
}

export async function modelsList(session: BedrockSessionWithIdentity, command: { json: boolean; all: boolean }, io: CliIo): Promise<number> {
  let result = await session.listModels(command.all ? { all: true } : {});
  // One command, one answer: a stale cache is refreshed now rather than behind the scenes.
  if (result.discovery.stale) result = await session.listModels({ refresh: true, ...(command.all ? { all: true } : {}) });
  discoveryNotes(result, io);
  if (command.json) {
    io.stdout.write(JSON.stringify(result.models.map((m) => modelJson(m, command.all)), null, 2) + '\n');
  } else if (result.models.length > 0) {
    io.stdout.write(modelsTable(result.models, command.all));
  } else {
    io.stderr.write('No models.\n');
  }
  // A failure with a cached list still lists; the exit code says it failed.
  return result.error ? 1 : 0;
}

export async function modelsRefresh(session: BedrockSessionWithIdentity, json: boolean, io: CliIo): Promise<number> {
  const result = await session.listModels({ refresh: true });
  const { discovery } = result;
  if (result.error) io.stderr.write(errorLines(result.error));
  const discovered = result.models.filter((m) => m.source === 'discovered').length;
  if (json) {
    io.stdout.write(JSON.stringify({
      region: discovery.region,
      enabled: discovery.enabled,
      fetchedAt: discovery.fetchedAt ?? null,
      cache: discovery.cache ?? null,
      models: result.models.length,
      discovered,
      error: result.error ?? null,
    }, null, 2) + '\n');
  } else if (!discovery.enabled) {
    io.stderr.write(`note: discovery ${discovery.reason}; nothing to refresh\n`);
  } else if (!result.error) {
    io.stdout.write(`Refreshed ${discovery.region}: ${result.models.length} models (${discovered} discovered, ${result.models.length - discovered} configured), fetched ${discovery.fetchedAt ?? '-'}\n`);
  } else if (discovery.fetchedAt) {
    io.stderr.write(`note: keeping the list fetched ${discovery.fetchedAt}\n`);
  }
  return result.error || !discovery.enabled ? 1 : 0;
}

const IMAGE_EXTENSIONS: Record<string, ImageFormat> = { png: 'png', jpg: 'jpeg', jpeg: 'jpeg', gif: 'gif', webp: 'webp' };
const DOCUMENT_EXTENSIONS: Record<string, DocumentFormat> = { pdf: 'pdf', csv: 'csv', txt: 'txt', md: 'md', markdown: 'md', html: 'html', htm: 'html', doc: 'doc', docx: 'docx', xls: 'xls', xlsx: 'xlsx' };

/** Reads `--image` / `--document` files: format from the extension, size checked before sending. */
export async function readAttachment(path: string, kind: Attachment['kind']): Promise<Result<Attachment>> {
  const ext = extname(path).slice(1).toLowerCase();
  const name = basename(path);
  const formats = kind === 'image' ? IMAGE_EXTENSIONS : DOCUMENT_EXTENSIONS;
  const format = formats[ext];
  if (!format) {
    return fail(appError('UnsupportedAttachment', `${name}: .${ext || '(none)'} is not a supported ${kind} format.`, `Use ${kind === 'image' ? 'png, jpeg, gif or webp' : 'pdf, csv, txt, md, html, doc, docx, xls or xlsx'}.`));
  }
  const limit = kind === 'image' ? ATTACHMENT_LIMITS.imageBytes : ATTACHMENT_LIMITS.documentBytes;
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch (error) {
    return fail(appError('AttachmentUnreadable', `${path} could not be read: ${(error as Error).message}.`));
  }
  if (size > limit) return fail(appError('AttachmentTooLarge', `${name} is ${(size / 1e6).toFixed(2)} MB; Bedrock accepts at most ${(limit / 1e6).toFixed(2)} MB per ${kind}.`, kind === 'image' ? 'Resize or compress it.' : 'Split or shorten it.'));
  if (size === 0) return fail(appError('AttachmentEmpty', `${name} is empty.`));
  const data = await readFile(path);
  return ok(kind === 'image'
    ? { kind, name, format: format as ImageFormat, bytes: data.length, dataBase64: data.toString('base64') }
    : { kind, name, format: format as DocumentFormat, bytes: data.length, dataBase64: data.toString('base64') });
}

const usdText = (n: number | null | undefined) => (n === null || n === undefined ? 'unknown' : formatUsd(n));

export async function chat(session: BedrockSessionWithIdentity, command: ChatCommand, io: CliIo, signal?: AbortSignal): Promise<number> {
  const requestId = `cli-${process.pid}-${Date.now()}`;
  const attachments: Attachment[] = [];
  for (const [kind, paths] of [['image', command.images], ['document', command.documents]] as const) {
    for (const path of paths) {
      const read = await readAttachment(path, kind);
      if (!read.ok) {
        io.stderr.write(errorLines(read.error));
        return 1;
      }
      attachments.push(read.value);
    }
  }
  const request: ChatStartRequest = {
    requestId,
    modelId: command.model,
    messages: [{ role: 'user', text: command.prompt, ...(attachments.length > 0 ? { attachments } : {}) }],
  };
  if (command.system) request.system = command.system;
  if (command.maxTokens !== undefined) request.maxTokens = command.maxTokens;
  if (command.temperature !== undefined) request.temperature = command.temperature;
  if (command.topP !== undefined) request.topP = command.topP;
  if (command.stopSequences) request.stopSequences = command.stopSequences;
  if (command.reasoningBudget !== undefined) request.reasoningBudget = command.reasoningBudget;

  let wroteText = false;
  let text = '';
  let reasoning = '';
  let invokeId: string | undefined;
  const summary = (extra: Record<string, unknown>) =>
    io.stdout.write(JSON.stringify({ model: command.model, invokeId: invokeId ?? null, text, reasoning: reasoning || null, ...extra }, null, 2) + '\n');
  const finished = new Promise<number>((resolve) => {
    void session
      .startChat(request, (event, payload) => {
        if (event === 'chat:delta') {
          const delta = payload as EventPayload<'chat:delta'>;
          if (delta.kind === 'text') {
            text += delta.text;
            // Answer text only on stdout so it can be piped; reasoning goes beside it.
            if (!command.json) io.stdout.write(delta.text);
            wroteText = true;
          } else {
            reasoning += delta.text;
            if (!command.json) io.stderr.write(delta.text);
          }
        } else if (event === 'chat:retrying') {
          const r = payload as EventPayload<'chat:retrying'>;
          io.stderr.write(`${r.error.message} Retrying in ${(r.delayMs / 1000).toFixed(1)} s (attempt ${r.attempt} of ${r.maxAttempts})…\n`);
        } else if (event === 'chat:done') {
          const done = payload as EventPayload<'chat:done'>;
          if (wroteText && !command.json) io.stdout.write('\n');
          const parts = [
            done.usage ? `tokens in ${done.usage.inputTokens}, out ${done.usage.outputTokens}` : undefined,
            done.metrics.ttftMs !== undefined ? `TTFT ${Math.round(done.metrics.ttftMs)} ms` : undefined,
            done.metrics.outputTokensPerSecond !== undefined ? `${done.metrics.outputTokensPerSecond} tokens/s` : undefined,
            `total ${done.metrics.totalMs} ms`,
            `cost ${usdText(done.cost?.total)}`,
            `stop ${done.stopReason}`,
          ].filter(Boolean);
          io.stderr.write(`[${parts.join(' · ')}]\n`);
          if (command.json) summary({ stopReason: done.stopReason, usage: done.usage ?? null, metrics: done.metrics, cost: done.cost ?? null, error: null });
          resolve(0);
        } else {
          const failure = payload as EventPayload<'chat:error'>;
          if (wroteText && !command.json) io.stdout.write('\n');
          io.stderr.write(errorLines(failure.error));
          if (command.json) summary({ stopReason: failure.cancelled ? 'cancelled' : 'error', usage: null, metrics: null, cost: null, error: failure.error });
          resolve(failure.cancelled ? 130 : 1);
        }
      })
      .then((started) => {
        if (!started.ok) {
          io.stderr.write(errorLines(started.error));
          if (command.json) summary({ stopReason: 'error', usage: null, metrics: null, cost: null, error: started.error });
          resolve(1);
        } else {
          invokeId = started.value.invokeId;
          io.stderr.write(started.value.invokeId !== command.model ? `(via ${started.value.invokeId})\n` : '');
        }
      });
  });
  const onAbort = () => session.cancelChat(requestId);
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    return await finished;
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
}

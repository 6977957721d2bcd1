// The CLI commands over a session. Output streams are injected so tests can run them in-process.
import type { ChatStartRequest } from '../../shared/ipc';
import type { BedrockSessionWithIdentity } from '../services/session';
import { getAtPath } from '../services/config-model';
import { loadConfig } from '../services/config-store';
import type { Command } from './args';
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

export async function modelsList(session: BedrockSessionWithIdentity, json: boolean, io: CliIo): Promise<number> {
  const result = await session.listModels();
  if (result.error) io.stderr.write(errorLines(result.error));
  if (!result.discovery.enabled) io.stderr.write(`note: discovery ${result.discovery.reason}\n`);
  if (json) {
    const items = result.models.map((m) => ({
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
    }));
    io.stdout.write(JSON.stringify(items, null, 2) + '\n');
  } else if (result.models.length > 0) {
    io.stdout.write(modelsTable(result.models));
  } else {
    io.stderr.write('No models.\n');
  }
  return result.error ? 1 : 0;
}

export async function configGet(session: BedrockSessionWithIdentity, path: string | undefined, io: CliIo): Promise<number> {
  const view = await session.getConfig();
  io.stdout.write(`${view.path}\n`);
  if (view.parseError) {
    const { message, line, column } = view.parseError;
    io.stderr.write(errorLines({ code: 'ConfigParseError', message: `The config file does not parse (line ${line}, column ${column}): ${message}`, hint: `Fix ${view.path}:${line}:${column}; Bedrock Desk leaves the file untouched.`, retryable: false }));
    return 1;
  }
  if (!view.exists) io.stderr.write('note: the file does not exist yet\n');
  const { config } = await loadConfig(view.path);
  const value = path ? getAtPath(config, path) : config;
  if (value === undefined) {
    io.stderr.write(`error: ${path} is not set\n`);
    return 1;
  }
  io.stdout.write((typeof value === 'string' ? value : JSON.stringify(value, null, 2)) + '\n');
  return 0;
}

export async function chat(session: BedrockSessionWithIdentity, command: Extract<Command, { name: 'chat' }>, io: CliIo, signal?: AbortSignal): Promise<number> {
  const requestId = `cli-${process.pid}-${Date.now()}`;
  const request: ChatStartRequest = { requestId, modelId: command.model, messages: [{ role: 'user', text: command.prompt }] };
  if (command.system) request.system = command.system;
  if (command.maxTokens) request.maxTokens = command.maxTokens;

  let wroteText = false;
  const finished = new Promise<number>((resolve) => {
    void session
      .startChat(request, (event, payload) => {
        if (event === 'chat:delta') {
          const delta = payload as { kind: string; text: string };
          // Answer text only on stdout so it can be piped; reasoning goes beside it.
          if (delta.kind === 'text') {
            io.stdout.write(delta.text);
            wroteText = true;
          } else io.stderr.write(delta.text);
        } else if (event === 'chat:done') {
          const done = payload as import('../../shared/ipc').EventPayload<'chat:done'>;
          if (wroteText) io.stdout.write('\n');
          const parts = [
            done.usage ? `tokens in ${done.usage.inputTokens}, out ${done.usage.outputTokens}` : undefined,
            done.metrics.ttftMs !== undefined ? `TTFT ${done.metrics.ttftMs} ms` : undefined,
            done.metrics.outputTokensPerSecond !== undefined ? `${done.metrics.outputTokensPerSecond} tokens/s` : undefined,
            `total ${done.metrics.totalMs} ms`,
            `stop ${done.stopReason}`,
          ].filter(Boolean);
          io.stderr.write(`[${parts.join(' · ')}]\n`);
          resolve(0);
        } else {
          const failure = payload as import('../../shared/ipc').EventPayload<'chat:error'>;
          if (wroteText) io.stdout.write('\n');
          io.stderr.write(errorLines(failure.error));
          resolve(failure.cancelled ? 130 : 1);
        }
      })
      .then((started) => {
        if (!started.ok) {
          io.stderr.write(errorLines(started.error));
          resolve(1);
        } else {
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

// `bedrock-desk` entry: parse, build one session (optionally against an in-process emulator),
// run the command, clean up. Exit codes: 0 ok, 1 failure, 2 usage, 130 interrupted.
import { homedir } from 'node:os';
import { join } from 'node:path';
import { createSession, type BedrockSessionWithIdentity } from '../services/session';
import { parseCli, USAGE } from './args';
import { runConfigCommand } from './config-commands';
import { resolveConfigLocation } from '../services/config-store';
import { chat, modelsList, modelsRefresh, whoami, type CliIo } from './commands';

type Env = Record<string, string | undefined>;

export interface CliContext extends CliIo {
  env: Env;
}

export function dataDirFor(env: Env): string {
  return env.BEDROCK_DESK_DATA_DIR?.trim() || join(env.HOME || homedir(), '.config', 'bedrock-desk');
}

export async function runCli(argv: string[], ctx: CliContext): Promise<number> {
  const parsed = parseCli(argv);
  if (!parsed.ok) {
    ctx.stderr.write(`bedrock-desk: ${parsed.message}\n\n${USAGE}`);
    return 2;
  }
  const { command, global } = parsed;
  if (command.name === 'help') {
    ctx.stdout.write(USAGE);
    return 0;
  }
  if (command.name.startsWith('config-')) {
    // The file only: no credentials, no AWS, no emulator.
    const file = resolveConfigLocation({ ...(global.config ? { cliPath: global.config } : {}), env: ctx.env, dataDir: dataDirFor(ctx.env) }).path;
    return runConfigCommand(command as Parameters<typeof runConfigCommand>[0], file, ctx);
  }

  let emulator: { url: string; close(): Promise<void> | void } | undefined;
  let session: BedrockSessionWithIdentity | undefined;
  const interrupt = new AbortController();
  const onSigint = () => interrupt.abort();
  process.once('SIGINT', onSigint);
  try {
    let sandbox: { endpoint: string; credentials: { accessKeyId: string; secretAccessKey: string } } | undefined;
    if (global.sandbox) {
      // Loaded only when asked for: the emulator is not needed to talk to AWS.
      const { startEmulator, EMULATOR_CREDENTIALS } = await import('../emulator/index.ts');
      const started = await startEmulator();
      emulator = started;
      sandbox = { endpoint: started.url, credentials: { accessKeyId: EMULATOR_CREDENTIALS.accessKeyId, secretAccessKey: EMULATOR_CREDENTIALS.secretAccessKey } };
      ctx.stderr.write('Sandbox: using the built-in Bedrock emulator, not AWS.\n');
    }
    session = createSession({
      env: ctx.env,
      dataDir: dataDirFor(ctx.env),
      ...(global.config ? { configPath: global.config } : {}),
      ...(global.region ? { cliRegion: global.region } : {}),
      ...(global.profile ? { profile: global.profile } : {}),
      watchAwsFiles: false, // one command, one resolution
      ...(sandbox ? { sandbox } : {}),
    });
    switch (command.name) {
      case 'whoami':
        return await whoami(session, command.json, ctx);
      case 'models-list':
        return await modelsList(session, command, ctx);
      case 'models-refresh':
        return await modelsRefresh(session, command.json, ctx);
      case 'chat':
        return await chat(session, command, ctx, interrupt.signal);
      default:
        return 2;
    }
  } finally {
    process.removeListener('SIGINT', onSigint);
    session?.dispose();
    await emulator?.close();
  }
}

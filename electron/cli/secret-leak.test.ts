// Secret leak suite (issue 8, item 2), CLI and services side. The real `bin/bedrock-desk.mjs` runs
// with distinctive canary credentials (electron/emulator/leak-canary.ts) in its environment — env
// keys + session token, and separately a Bedrock API key — through whoami, models list, a streamed
// chat, failed chats (ExpiredToken, AccessDenied, and a server that quotes the credentials back in
// its error) and config set/get. Neither stdout nor stderr of any command, nor any file under the
// temp HOME and data dir, may hold a secret or the full access key id; only `AKIA…WXYZ` may show.
// Each command is also checked to have done its job, and the detector is shown to catch a leak.
import { spawn } from 'node:child_process';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LEAK_CANARY, LEAK_CANARY_BEARER, LEAK_CANARY_KEY, LEAK_ENV_BEARER, LEAK_ENV_KEYS, LEAK_MARKER, findLeaks, readTree, scanTexts } from '../emulator/leak-canary.ts';
import { startEmulator, type Emulator } from '../emulator/index.ts';
import { exportConversation, secretValues } from '../services/conversation-export.ts';
import type { Conversation } from '../../shared/types.ts';
import { mapAwsError } from '../services/error-mapping.ts';
import { redactSecrets, rememberSecrets } from '../services/secret-redaction.ts';
import { emulatorEndpoints } from '../emulator/test-env.ts';

const BIN = resolve(import.meta.dirname, '../../bin/bedrock-desk.mjs');
const COHERE = 'cohere.command-r-v1:0';
let emulator: Emulator;
let root: string;

beforeAll(async () => {
  emulator = await startEmulator({ keys: [LEAK_CANARY_KEY], bearerTokens: [LEAK_CANARY_BEARER] });
  root = await mkdtemp(join(tmpdir(), 'bd-cli-leak-'));
});
afterAll(async () => {
  await emulator?.close();
  if (root) await rm(root, { recursive: true, force: true });
});

interface Run {
  args: string[];
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(args: string[], env: Record<string, string>): Promise<Run> {
  return new Promise((done, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const result: Run = { args, code: null, stdout: '', stderr: '' };
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (result.stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (result.stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => done({ ...result, code }));
  });
}

/** Why a flow did not run, for expect messages. */
const why = (r: Run) => `${r.args.join(' ')} → ${r.code}\n${r.stdout}\n${r.stderr}`;

/** The hostile server: its error quotes the request's credentials, as SignatureDoesNotMatch quotes the canonical request. */
const ECHO = {
  keys: `The Canonical String for this request should have been 'POST /model/x/converse-stream x-amz-security-token:${LEAK_CANARY.sessionToken}' Credential=${LEAK_CANARY.accessKeyId}/20250101/us-east-1/bedrock/aws4_request with ${LEAK_CANARY.secretAccessKey}`,
  bearer: `Invalid request: header Authorization: Bearer ${LEAK_CANARY.bearerToken} was not understood.`,
};

async function flows(mode: 'keys' | 'bearer'): Promise<{ runs: Run[]; home: string }> {
  const home = join(root, mode);
  const dataDir = join(home, 'data');
  const config = join(home, 'moltbot.json5');
  await mkdir(home, { recursive: true });
  await writeFile(config, `// leak suite\n{ models: { bedrockDiscovery: { enabled: true } } }\n`);
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: home,
    BEDROCK_DESK_DATA_DIR: dataDir,
    AWS_CONFIG_FILE: join(home, '.aws', 'config'),
    AWS_SHARED_CREDENTIALS_FILE: join(home, '.aws', 'credentials'),
    AWS_REGION: 'us-east-1',
    ...emulatorEndpoints(emulator.url),
    AWS_EC2_METADATA_DISABLED: 'true',
    ...(mode === 'keys' ? LEAK_ENV_KEYS : LEAK_ENV_BEARER),
  };
  const runs: Run[] = [];
  const go = async (args: string[]) => {
    const r = await run([...args, '--config', config], env);
    runs.push(r);
    return r;
  };

  emulator.setScript({});
  const whoami = await go(['whoami', '--json']);
  expect(whoami.code, why(whoami)).toBe(0);
  const identity = JSON.parse(whoami.stdout) as Record<string, unknown>;
  if (mode === 'keys') expect(identity).toMatchObject({ source: 'env-keys', maskedKeyId: LEAK_CANARY.maskedKeyId, callerArn: LEAK_CANARY.arn });
  else expect(identity).toMatchObject({ source: 'bearer-token' });
  const human = await go(['whoami']);
  expect(human.code, why(human)).toBe(0);

  const models = await go(['models', 'list', '--json']);
  expect(models.code, why(models)).toBe(0);
  expect((JSON.parse(models.stdout) as unknown[]).length).toBeGreaterThan(5);
  const all = await go(['models', 'list', '--all']);
  expect(all.code, why(all)).toBe(0);

  emulator.setScript({ tokens: 20 });
  const chat = await go(['chat', '--model', COHERE, 'Tell me about lighthouses']);
  expect(chat.code, why(chat)).toBe(0);
  expect(chat.stdout).toContain('lighthouses');

  emulator.setScript({ faults: [{ kind: 'http-error', status: 403, code: 'ExpiredTokenException', message: 'The security token included in the request is expired', operation: 'ConverseStream' }] });
  const expired = await go(['chat', '--model', COHERE, 'expires']);
  expect(expired.code, why(expired)).toBe(1);
  expect(expired.stderr).toMatch(/expired/i);

  emulator.setScript({ faults: [{ kind: 'access-denied', action: 'bedrock:InvokeModelWithResponseStream', operation: 'ConverseStream' }] });
  const denied = await go(['chat', '--model', COHERE, 'denied']);
  expect(denied.code, why(denied)).toBe(1);
  expect(denied.stderr).toContain('bedrock:InvokeModelWithResponseStream');

  for (const code of ['ValidationException', 'SomeUnmappedException']) {
    emulator.setScript({ faults: [{ kind: 'http-error', status: 400, code, message: ECHO[mode] }] });
    const echoed = await go(['chat', '--model', COHERE, 'echo']);
    expect(echoed.code, why(echoed)).toBe(1);
    expect(echoed.stderr, why(echoed)).toContain('[redacted]');
    const refresh = await go(['models', 'refresh', '--json']);
    expect(refresh.code, why(refresh)).toBe(1);
  }
  emulator.setScript({});

  const set = await go(['config', 'set', 'models.bedrockDiscovery.refreshInterval', '600']);
  expect(set.code, why(set)).toBe(0);
  const get = await go(['config', 'get']);
  expect(get.code, why(get)).toBe(0);
  expect(get.stdout).toContain('600');
  return { runs, home };
}

async function expectNoLeak(runs: Run[], home: string): Promise<void> {
  const files = await readTree(home);
  expect(files.map(([path]) => path).join('\n'), 'the discovery cache was written').toMatch(/data\/.*cache/i);
  const report = scanTexts([
    ...runs.flatMap((r): Array<[string, string]> => [
      [`stdout of ${r.args.join(' ')}`, r.stdout],
      [`stderr of ${r.args.join(' ')}`, r.stderr],
    ]),
    ...files,
  ]);
  expect(report.leaks).toEqual([]);
}

describe('secret leak: the CLI', () => {
  it('env keys + session token: whoami, models list/refresh, chat (ok and failed), config set/get leak nothing', async () => {
    const { runs, home } = await flows('keys');
    expect(emulator.requests.some((r) => r.auth?.accessKeyId === LEAK_CANARY.accessKeyId && r.status === 200)).toBe(true);
    expect(runs.some((r) => r.stdout.includes(LEAK_CANARY.maskedKeyId))).toBe(true);
    await expectNoLeak(runs, home);
  }, 120_000);

  it('bearer token: the same commands leak nothing', async () => {
    const { runs, home } = await flows('bearer');
    expect(emulator.requests.some((r) => r.auth?.kind === 'bearer' && r.status === 200)).toBe(true);
    await expectNoLeak(runs, home);
  }, 120_000);

  it('positive control: a secret the CLI does print (the prompt, echoed by the emulator) is detected', async () => {
    emulator.setScript({ tokens: 40 });
    const home = join(root, 'control');
    await mkdir(home, { recursive: true });
    const out = await run(['chat', '--model', COHERE, `please repeat ${LEAK_MARKER}-planted`], {
      PATH: process.env.PATH ?? '',
      HOME: home,
      BEDROCK_DESK_DATA_DIR: join(home, 'data'),
      AWS_REGION: 'us-east-1',
      ...emulatorEndpoints(emulator.url),
      AWS_EC2_METADATA_DISABLED: 'true',
      ...LEAK_ENV_KEYS,
    });
    expect(out.code, why(out)).toBe(0);
    expect(findLeaks(out.stdout)).toContain('secret marker');
    await writeFile(join(home, 'planted.txt'), `x-amz-security-token: ${LEAK_CANARY.sessionToken}`);
    const report = scanTexts(await readTree(home));
    expect(report.leaks.map((l) => l.where)).toEqual([join(home, 'planted.txt')]);
  });
});

describe('secret leak: the services', () => {
  it('redactSecrets removes remembered values and secret shapes, and masks key ids', () => {
    rememberSecrets(LEAK_CANARY.secretAccessKey, 'short');
    const text = redactSecrets(
      `a ${LEAK_CANARY.secretAccessKey} b x-amz-security-token:abc123def456 Authorization: AWS4-HMAC-SHA256 Credential=${LEAK_CANARY.accessKeyId}/x, Signature=${'a'.repeat(64)} Bearer ${LEAK_CANARY.bearerToken} aws_session_token = tok123456789 short`,
    );
    expect(findLeaks(text)).toEqual([]);
    expect(text).not.toContain('abc123def456');
    expect(text).not.toContain('tok123456789');
    expect(text).not.toContain('a'.repeat(64));
    expect(text).toContain('short'); // too short to be remembered as a secret
    expect(redactSecrets(`key ${LEAK_CANARY.accessKeyId}`)).toBe(`key ${LEAK_CANARY.maskedKeyId}`);
    expect(redactSecrets('Model access is not enabled for anthropic.claude-3 in us-east-1.')).toBe('Model access is not enabled for anthropic.claude-3 in us-east-1.');
  });

  it('mapAwsError never passes a quoted credential through, whatever the error code', () => {
    for (const name of ['ValidationException', 'SomeUnmappedException', 'AccessDeniedException', 'InvalidSignatureException']) {
      for (const message of Object.values(ECHO)) {
        const error = Object.assign(new Error(message), { name, $metadata: { httpStatusCode: 400 } });
        const mapped = mapAwsError(error, { modelId: COHERE, region: 'us-east-1' });
        expect(findLeaks(JSON.stringify(mapped)), `${name}: ${JSON.stringify(mapped)}`).toEqual([]);
      }
    }
  });

  it('an export redacts a secret the user pasted into the conversation', () => {
    const env = { ...LEAK_ENV_KEYS, ...LEAK_ENV_BEARER };
    const now = new Date().toISOString();
    const conversation: Conversation = {
      id: 'c1',
      title: 'pasted',
      createdAt: now,
      updatedAt: now,
      settings: { modelId: COHERE },
      messages: [{ id: 'm1', role: 'user', text: `my keys: ${Object.values(env).join(' ')}`, createdAt: now }],
    };
    for (const format of ['markdown', 'json'] as const) {
      const file = exportConversation(conversation, format, secretValues(env));
      expect(file.content).toContain('my keys');
      expect(findLeaks(file.content)).toEqual([]);
    }
  });
});

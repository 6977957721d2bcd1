// End-to-end: spawn the real `bin/bedrock-desk.mjs` (tsx loader, no build) against the emulator.
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMULATOR_ACCOUNT, EMULATOR_CREDENTIALS, startEmulator, type Emulator } from '../emulator/index.ts';
import { emulatorEndpoints } from '../emulator/test-env.ts';

const BIN = resolve(import.meta.dirname, '../../bin/bedrock-desk.mjs');
let emulator: Emulator;

beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(async () => {
  await emulator?.close();
});

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  /** stdout chunks in arrival order, to see that chat streams. */
  chunks: string[];
}

function cliEnv(extra: Record<string, string> = {}): Record<string, string> {
  const home = mkdtempSync(join(tmpdir(), 'bd-cli-home-'));
  return {
    PATH: process.env.PATH ?? '',
    HOME: home,
    BEDROCK_DESK_DATA_DIR: mkdtempSync(join(tmpdir(), 'bd-cli-data-')),
    AWS_ACCESS_KEY_ID: EMULATOR_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: EMULATOR_CREDENTIALS.secretAccessKey,
    AWS_REGION: 'us-east-1',
    ...emulatorEndpoints(emulator.url),
    AWS_EC2_METADATA_DISABLED: 'true',
    ...extra,
  };
}

function run(args: string[], env: Record<string, string> = cliEnv()): Promise<Run> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const result: Run = { code: null, stdout: '', stderr: '', chunks: [] };
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      result.stdout += chunk;
      result.chunks.push(chunk);
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (result.stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolvePromise({ ...result, code }));
  });
}

describe('bedrock-desk CLI', () => {
  it('models list --json prints one array of models with the documented shape', async () => {
    const out = await run(['models', 'list', '--json']);
    expect(out.code, out.stderr).toBe(0);
    const models = JSON.parse(out.stdout) as Array<Record<string, unknown>>;
    expect(models.length).toBeGreaterThan(5);
    for (const model of models) {
      expect(Object.keys(model).sort()).toEqual(['contextWindow', 'cost', 'id', 'input', 'invocation', 'lifecycle', 'limits', 'maxTokens', 'name', 'profiles', 'provider', 'reasoning', 'source', 'status'].sort());
    }
    const sonnet4 = models.find((m) => m.id === 'anthropic.claude-sonnet-4-20250514-v1:0');
    expect(sonnet4?.invocation).toEqual({ mode: 'inference-profile', invokeId: 'us.anthropic.claude-sonnet-4-20250514-v1:0' });
    expect(sonnet4?.status).toMatchObject({ kind: 'via-profile' });
    expect(sonnet4?.limits).toMatchObject({ source: 'documented' });
    expect(sonnet4).toMatchObject({ contextWindow: 200000, maxTokens: 64000, reasoning: true, cost: { input: 3, output: 15 } });
  });

  it('models list --json --all adds what discovery filters out, with the reason', async () => {
    const out = await run(['models', 'list', '--json', '--all']);
    expect(out.code, out.stderr).toBe(0);
    const models = JSON.parse(out.stdout) as Array<Record<string, unknown>>;
    const byId = new Map(models.map((m) => [m.id, m]));
    expect(byId.get('amazon.nova-micro-v1:0')).toMatchObject({ filteredOut: null, status: { kind: 'ready' } });
    expect(byId.get('amazon.titan-embed-text-v2:0')?.filteredOut).toBe('does not support response streaming');
    expect(byId.get('amazon.nova-canvas-v1:0')?.filteredOut).toBe('does not support response streaming');
    expect(byId.get('anthropic.claude-3-sonnet-20240229-v1:0')).toMatchObject({ filteredOut: 'lifecycle is LEGACY, not ACTIVE', lifecycle: 'LEGACY', status: { kind: 'legacy' } });
    expect(byId.get('anthropic.claude-3-haiku-20240307-v1:0:48k')).toMatchObject({ filteredOut: null, invocation: { mode: 'provisioned-only' }, status: { kind: 'provisioned-only' } });
    expect(models.length).toBeGreaterThan(models.filter((m) => m.filteredOut === null).length);
  });

  it('models refresh asks AWS again and a second process reads the cache the first one wrote', async () => {
    const env = cliEnv();
    const listsBefore = emulator.requests.filter((r) => r.operation === 'ListFoundationModels').length;
    const first = await run(['models', 'list', '--json'], env);
    expect(first.code, first.stderr).toBe(0);
    const second = await run(['models', 'list'], env);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stderr).toMatch(/cached list from \d+ min ago/);
    expect(emulator.requests.filter((r) => r.operation === 'ListFoundationModels').length).toBe(listsBefore + 1);
    const refresh = await run(['models', 'refresh', '--json'], env);
    expect(refresh.code, refresh.stderr).toBe(0);
    expect(JSON.parse(refresh.stdout)).toMatchObject({ region: 'us-east-1', enabled: true, cache: 'network', error: null });
    expect(emulator.requests.filter((r) => r.operation === 'ListFoundationModels').length).toBe(listsBefore + 2);
    const human = await run(['models', 'refresh'], env);
    expect(human.stdout).toMatch(/^Refreshed us-east-1: \d+ models \(\d+ discovered, 0 configured\)/);
  });

  it('a chat refused for model access is remembered: the next models list explains it', async () => {
    const env = cliEnv();
    const denied = await run(['chat', '--model', 'ai21.jamba-1-5-large-v1:0', 'hi'], env);
    expect(denied.code).toBe(1);
    expect(denied.stderr).toMatch(/Model access/);
    const out = await run(['models', 'list', '--json'], env);
    const jamba = (JSON.parse(out.stdout) as Array<Record<string, unknown>>).find((m) => m.id === 'ai21.jamba-1-5-large-v1:0');
    expect(jamba?.status).toMatchObject({ kind: 'no-access', hint: expect.stringContaining('Model access in region us-east-1') });
    const table = await run(['models', 'list'], env);
    expect(table.stdout).toMatch(/ai21\.jamba-1-5-large-v1:0.*no-access/);
  });

  it('models list prints a table', async () => {
    const out = await run(['models', 'list', '--region', 'us-west-2']);
    expect(out.code, out.stderr).toBe(0);
    expect(out.stdout.split('\n')[0]).toMatch(/^ID\s+NAME\s+PROVIDER/);
    expect(out.stdout).toContain('amazon.nova-micro-v1:0');
  });

  it('chat streams the answer to stdout and stats to stderr', async () => {
    emulator.setScript({ text: 'one two three four five six', tokens: 6, tokenDelayMs: 30 });
    const out = await run(['chat', '--model', 'amazon.nova-micro-v1:0', '--max-tokens', '64', 'Say', 'hi']);
    expect(out.code, out.stderr).toBe(0);
    expect(out.stdout.replace(/\s+/g, ' ').trim()).toBe('one two three four five six');
    expect(out.chunks.length).toBeGreaterThan(2); // arrived piece by piece, not buffered
    expect(out.stderr).toMatch(/TTFT \d+ ms/);
    expect(out.stderr).toMatch(/tokens in \d+, out \d+/);
    emulator.reset();
  });

  it('chat --image/--document and parameters reach the emulator as the same bytes; cost and retries on stderr', async () => {
    emulator.reset();
    emulator.setScript({ tokens: 4, faults: [{ kind: 'throttle', times: 1, operation: 'ConverseStream' }] });
    const dir = mkdtempSync(join(tmpdir(), 'bd-cli-att-'));
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(2000)]);
    const notes = Buffer.from('name,score\nada,3\n');
    writeFileSync(join(dir, 'shot.png'), png);
    writeFileSync(join(dir, 'scores_2025.csv'), notes);
    const out = await run(['chat', '--model', 'amazon.nova-lite-v1:0', '--image', join(dir, 'shot.png'), '--document', join(dir, 'scores_2025.csv'),
      '--system', 'Be terse', '--temperature', '0.2', '--top-p', '0.9', '--stop', 'END', '--stop', 'STOP', 'Describe', 'these']);
    expect(out.code, out.stderr).toBe(0);
    const call = emulator.requests.filter((r) => r.operation === 'ConverseStream').at(-1);
    const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
    expect(call?.attachments).toEqual([
      { message: 0, block: 0, kind: 'image', format: 'png', bytes: png.length, sha256: sha(png) },
      { message: 0, block: 1, kind: 'document', format: 'csv', name: 'scores 2025', bytes: notes.length, sha256: sha(notes) },
    ]);
    expect(call?.body).toMatchObject({ system: [{ text: 'Be terse' }], inferenceConfig: { temperature: 0.2, topP: 0.9, stopSequences: ['END', 'STOP'] } });
    expect(out.stderr).toMatch(/throttling.*Retrying in \d\.\d s \(attempt 2 of 4\)/i);
    expect(out.stderr).toMatch(/TTFT \d+ ms/);
    expect(out.stderr).toMatch(/cost \$\d+\.\d+/);
    emulator.reset();
  });

  it('chat --json prints one summary; a missing or oversize attachment fails before any call', async () => {
    emulator.reset();
    emulator.setScript({ text: 'alpha beta', tokens: 2 });
    const out = await run(['chat', '--json', '--model', 'amazon.nova-micro-v1:0', 'hi']);
    expect(out.code, out.stderr).toBe(0);
    const summary = JSON.parse(out.stdout);
    expect(summary).toMatchObject({ model: 'amazon.nova-micro-v1:0', invokeId: 'amazon.nova-micro-v1:0', text: 'alpha beta', stopReason: 'end_turn', usage: { outputTokens: 2 }, cost: { total: expect.any(Number) }, error: null });
    const dir = mkdtempSync(join(tmpdir(), 'bd-cli-att-'));
    writeFileSync(join(dir, 'huge.png'), Buffer.alloc(3_800_000));
    const big = await run(['chat', '--model', 'amazon.nova-lite-v1:0', '--image', join(dir, 'huge.png'), 'hi']);
    expect(big.code).toBe(1);
    expect(big.stderr).toMatch(/at most 3\.75 MB/);
    const wrong = await run(['chat', '--model', 'amazon.nova-lite-v1:0', '--image', join(dir, 'missing.bmp'), 'hi']);
    expect(wrong.stderr).toMatch(/\.bmp is not a supported image format/);
    expect(emulator.requests.filter((r) => r.operation === 'ConverseStream')).toHaveLength(1);
    emulator.reset();
  });

  it('whoami --json shows identity, masked key, no secret', async () => {
    const out = await run(['whoami', '--json']);
    expect(out.code, out.stderr).toBe(0);
    const view = JSON.parse(out.stdout);
    expect(view).toMatchObject({ source: 'env-keys', maskedKeyId: 'AKIA…BOX1', region: 'us-east-1', regionOrigin: 'AWS_REGION', account: EMULATOR_ACCOUNT });
    expect(view.callerArn).toContain(EMULATOR_ACCOUNT);
    expect(Object.keys(view).sort()).toEqual(['account', 'callerArn', 'expiresAt', 'maskedKeyId', 'profile', 'provider', 'region', 'regionOrigin', 'source'].sort());
    expect(out.stdout + out.stderr).not.toContain(EMULATOR_CREDENTIALS.secretAccessKey);
    expect(out.stdout).not.toContain(EMULATOR_CREDENTIALS.accessKeyId);
  });

  it('whoami with rejected keys: nulls on stdout, the error on stderr', async () => {
    const out = await run(['whoami', '--json'], cliEnv({ AWS_SECRET_ACCESS_KEY: 'x'.repeat(40) }));
    const view = JSON.parse(out.stdout);
    expect(view).toMatchObject({ account: null, callerArn: null });
    expect(out.stderr).toMatch(/^error: /m);
    expect(out.stderr).toMatch(/^hint: /m);
  });

  it('config get prints the value (as Moltbot does); config file prints the path', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bd-cli-cfg-'));
    const file = join(dir, 'moltbot.json');
    writeFileSync(file, '{ models: { bedrockDiscovery: { region: "eu-west-1" } } }');
    const out = await run(['config', 'get', 'models.bedrockDiscovery.region', '--config', file]);
    expect(out.code, out.stderr).toBe(0);
    expect(out.stdout).toBe('eu-west-1\n');
    expect((await run(['config', 'file', '--config', file])).stdout).toBe(`${file}\n`);
    const missing = await run(['config', 'get', 'nope.nothing', '--config', file]);
    expect(missing.code).toBe(1);
  });

  it('usage errors exit 2 with help', async () => {
    const out = await run(['chat', 'no model']);
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/--model/);
    expect(out.stderr).toMatch(/Usage: bedrock-desk/);
  });

  it('--sandbox starts the emulator in-process', async () => {
    const out = await run(['whoami', '--json', '--sandbox'], { PATH: process.env.PATH ?? '', HOME: mkdtempSync(join(tmpdir(), 'bd-cli-home-')) });
    expect(out.code, out.stderr).toBe(0);
    expect(JSON.parse(out.stdout)).toMatchObject({ source: 'sandbox', regionOrigin: 'sandbox', account: EMULATOR_ACCOUNT });
  });
});

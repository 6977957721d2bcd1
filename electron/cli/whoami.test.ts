// `bedrock-desk whoami` for the sources beyond env keys: the real binary, a temp AWS home, the
// fake metadata server and the emulator's STS. Nothing secret may reach stdout or stderr.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMULATOR_ACCOUNT, EMULATOR_CREDENTIALS, EMULATOR_TEMP_CREDENTIALS, startEmulator, type Emulator } from '../emulator/index.ts';
import { AWS_HOME_PROFILE_REGION, createAwsHome, type AwsHomeScenario } from '../emulator/aws-home.ts';
import { startMetadataServer, type MetadataServer } from '../emulator/metadata-server.ts';
import { emulatorEndpoints } from '../emulator/test-env.ts';

const BIN = resolve(import.meta.dirname, '../../bin/bedrock-desk.mjs');
const SECRETS = [EMULATOR_CREDENTIALS.secretAccessKey, EMULATOR_CREDENTIALS.accessKeyId, EMULATOR_TEMP_CREDENTIALS.secretAccessKey, EMULATOR_TEMP_CREDENTIALS.accessKeyId, EMULATOR_TEMP_CREDENTIALS.sessionToken];
let emulator: Emulator;
let metadata: MetadataServer;

beforeAll(async () => {
  emulator = await startEmulator();
  metadata = await startMetadataServer();
});
afterAll(async () => {
  await emulator?.close();
  await metadata?.close();
});

function envWith(scenarios: AwsHomeScenario[], extra: Record<string, string> = {}): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '',
    ...createAwsHome(scenarios).env,
    BEDROCK_DESK_DATA_DIR: mkdtempSync(join(tmpdir(), 'bd-cli-data-')),
    ...emulatorEndpoints(emulator.url),
    AWS_EC2_METADATA_DISABLED: 'true',
    ...extra,
  };
}

function run(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      for (const secret of SECRETS) expect(stdout + stderr).not.toContain(secret);
      resolvePromise({ code, stdout, stderr });
    });
  });
}

const KEYS = ['account', 'callerArn', 'expiresAt', 'maskedKeyId', 'profile', 'provider', 'region', 'regionOrigin', 'source'];

describe('bedrock-desk whoami', () => {
  it('--json for an EC2 instance role (no AWS_PROFILE): exactly the documented keys', async () => {
    const env = envWith([], metadata.env.imds);
    delete (env as Record<string, string | undefined>).AWS_EC2_METADATA_DISABLED;
    const out = await run(['whoami', '--json'], env);
    expect(out.code, out.stderr).toBe(0);
    const view = JSON.parse(out.stdout) as Record<string, unknown>;
    expect(Object.keys(view).sort()).toEqual(KEYS);
    expect(view).toEqual({
      source: 'default-chain',
      provider: 'imds',
      maskedKeyId: 'ASIA…BOX1',
      profile: null,
      region: 'us-east-1',
      regionOrigin: 'default',
      expiresAt: '2099-01-01T00:00:00.000Z',
      account: EMULATOR_ACCOUNT,
      callerArn: `arn:aws:sts::${EMULATOR_ACCOUNT}:assumed-role/SandboxRole/sandbox-session`,
    });
  });

  it('human form says what Moltbot would have found', async () => {
    const env = envWith([], metadata.env.imds);
    delete (env as Record<string, string | undefined>).AWS_EC2_METADATA_DISABLED;
    const out = await run(['whoami'], env);
    expect(out.code, out.stderr).toBe(0);
    expect(out.stdout).toMatch(/^Moltbot {6}Moltbot only reads environment variables.*no AWS_PROFILE=default workaround is needed\.$/m);
  });

  it('--profile picks a profile as the app does, over env keys', async () => {
    const env = envWith(['regional'], { AWS_ACCESS_KEY_ID: 'AKIAWRONGWRONGWRONG1', AWS_SECRET_ACCESS_KEY: 'x'.repeat(40) });
    const out = await run(['whoami', '--json', '--profile', 'regional'], env);
    expect(out.code, out.stderr).toBe(0);
    expect(JSON.parse(out.stdout)).toMatchObject({ source: 'profile', provider: 'shared-file', profile: 'regional', region: AWS_HOME_PROFILE_REGION, regionOrigin: 'profile', account: EMULATOR_ACCOUNT });
  });

  it('an expired SSO session: the problem and the exact command, exit 1', async () => {
    const out = await run(['whoami', '--profile', 'sso-dev'], envWith(['sso-expired']));
    expect(out.code).toBe(1);
    expect(out.stdout).toContain('Problem      The SSO session of profile "sso-dev" has expired or you are not signed in.');
    expect(out.stdout).toContain('Fix          Run `aws sso login --profile sso-dev`');
    const json = await run(['whoami', '--json', '--profile', 'sso-dev'], envWith(['sso-expired']));
    expect(JSON.parse(json.stdout)).toMatchObject({ source: 'profile', profile: 'sso-dev', account: null });
    expect(json.stderr).toContain('hint: Run `aws sso login --profile sso-dev`');
  });

  it('rejects a profile name that is not one', async () => {
    const out = await run(['whoami', '--profile', 'a b;rm'], envWith([]));
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/not a valid profile name/);
  });
});

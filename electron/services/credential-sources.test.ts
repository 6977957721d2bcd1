// Every credential source, driven for real: a temp HOME written by aws-home.ts, its own env, the
// SDK's providers (in the worker), the fake metadata server and the emulator's STS. No mocks.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  EMULATOR_ACCOUNT,
  EMULATOR_BEARER_TOKEN,
  EMULATOR_CREDENTIALS,
  EMULATOR_TEMP_CREDENTIALS,
  startEmulator,
  type Emulator,
} from '../emulator/index.ts';
import { AWS_HOME_PROFILE_REGION, AWS_HOME_SSO_REGION, createAwsHome, type AwsHomeScenario } from '../emulator/aws-home.ts';
import { startMetadataServer, type MetadataServer } from '../emulator/metadata-server.ts';
import type { ConnectionView } from '../../shared/types';
import { IMDS_TIMEOUT_MS } from './credentials';
import { createSession, type BedrockSessionWithIdentity, type SessionOptions } from './session';
import { emulatorEndpoints } from '../emulator/test-env.ts';

let emulator: Emulator;
let metadata: MetadataServer;
const sessions: BedrockSessionWithIdentity[] = [];

beforeAll(async () => {
  emulator = await startEmulator();
  metadata = await startMetadataServer({ containerAuthToken: 'container-auth-sandbox' });
});
afterAll(async () => {
  await emulator?.close();
  await metadata?.close();
});
afterEach(() => {
  for (const s of sessions.splice(0)) s.dispose();
});

const SECRETS = [
  EMULATOR_CREDENTIALS.secretAccessKey,
  EMULATOR_CREDENTIALS.accessKeyId,
  EMULATOR_TEMP_CREDENTIALS.secretAccessKey,
  EMULATOR_TEMP_CREDENTIALS.accessKeyId,
  EMULATOR_TEMP_CREDENTIALS.sessionToken,
  EMULATOR_BEARER_TOKEN,
];

function expectNoSecret(text: string): void {
  for (const secret of SECRETS) expect(text).not.toContain(secret);
}

/** A clean env: a temp HOME with the scenarios' files, the emulator for every service, no IMDS. */
function envWith(scenarios: AwsHomeScenario[], extra: Record<string, string> = {}): Record<string, string> {
  return {
    ...createAwsHome(scenarios).env,
    ...emulatorEndpoints(emulator.url),
    AWS_EC2_METADATA_DISABLED: 'true',
    ...extra,
  };
}

function session(env: Record<string, string>, extra: Partial<SessionOptions> = {}): BedrockSessionWithIdentity {
  const s = createSession({ env, dataDir: mkdtempSync(join(tmpdir(), 'bd-src-data-')), ...extra });
  sessions.push(s);
  return s;
}

async function connectAndIdentify(s: BedrockSessionWithIdentity): Promise<{ view: ConnectionView; account?: string; callerArn?: string }> {
  const view = await s.connection();
  const identity = await s.identity();
  expectNoSecret(JSON.stringify(view));
  return { view, ...(identity.ok ? identity.value : {}) };
}

describe('each credential source, resolved and verified through STS on the emulator', () => {
  it('bearer token: no key id shown, region from AWS_REGION, Moltbot agrees', async () => {
    const { view } = await connectAndIdentify(session(envWith([], { AWS_BEARER_TOKEN_BEDROCK: EMULATOR_BEARER_TOKEN, AWS_REGION: 'eu-central-1' })));
    expect(view.credentials).toMatchObject({ source: 'bearer-token' });
    expect(view.credentials.maskedKeyId).toBeUndefined();
    expect(view.region).toEqual({ region: 'eu-central-1', origin: 'AWS_REGION' });
    expect(view.moltbot).toEqual({ source: 'bearer-token', differs: false });
    expect(view.problem).toBeUndefined();
  });

  it('env keys without a session token: long-term, AWS_DEFAULT_REGION', async () => {
    const env = envWith([], { AWS_ACCESS_KEY_ID: EMULATOR_CREDENTIALS.accessKeyId, AWS_SECRET_ACCESS_KEY: EMULATOR_CREDENTIALS.secretAccessKey, AWS_DEFAULT_REGION: 'us-west-2' });
    const { view, account, callerArn } = await connectAndIdentify(session(env));
    expect(view.credentials).toMatchObject({ source: 'env-keys', provider: 'env', maskedKeyId: 'AKIA…BOX1', temporary: false });
    expect(view.credentials.expiresAt).toBeUndefined();
    expect(view.region).toEqual({ region: 'us-west-2', origin: 'AWS_DEFAULT_REGION' });
    expect(account).toBe(EMULATOR_ACCOUNT);
    expect(callerArn).toBe(`arn:aws:iam::${EMULATOR_ACCOUNT}:user/sandbox`);
    expect(view.moltbot).toEqual({ source: 'env-keys', differs: false });
  });

  it('env keys with a session token: temporary, with expiry; the assumed role is who STS says', async () => {
    const env = envWith([], {
      AWS_ACCESS_KEY_ID: EMULATOR_TEMP_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: EMULATOR_TEMP_CREDENTIALS.secretAccessKey,
      AWS_SESSION_TOKEN: EMULATOR_TEMP_CREDENTIALS.sessionToken,
      AWS_CREDENTIAL_EXPIRATION: EMULATOR_TEMP_CREDENTIALS.expiration.toISOString(),
    });
    const { view, callerArn } = await connectAndIdentify(session(env, { cliRegion: 'ap-northeast-1' }));
    expect(view.credentials).toMatchObject({ source: 'env-keys', maskedKeyId: 'ASIA…BOX1', temporary: true, expiresAt: '2099-01-01T00:00:00.000Z' });
    expect(view.region).toEqual({ region: 'ap-northeast-1', origin: 'cli' });
    expect(callerArn).toContain('assumed-role/SandboxRole');
  });

  it('a profile from the credentials file (AWS_PROFILE), region from the profile', async () => {
    const { view, account } = await connectAndIdentify(session(envWith(['regional', 'static'], { AWS_PROFILE: 'regional' })));
    expect(view.credentials).toMatchObject({ source: 'profile', provider: 'shared-file', profile: 'regional', maskedKeyId: 'AKIA…BOX1' });
    expect(view.region).toEqual({ region: AWS_HOME_PROFILE_REGION, origin: 'profile' });
    expect(account).toBe(EMULATOR_ACCOUNT);
    expect(view.moltbot).toEqual({ source: 'profile', differs: false });
  });

  it('an SSO profile whose cached token expired: the problem and the exact `aws sso login`', async () => {
    const s = session(envWith(['sso-expired'], { AWS_PROFILE: 'sso-dev' }));
    const sent = emulator.requests.length;
    const { view } = await connectAndIdentify(s);
    expect(view.credentials).toMatchObject({ source: 'profile', profile: 'sso-dev' });
    expect(view.problem).toMatchObject({ code: 'SsoSessionExpired', retryable: false });
    expect(view.problem?.message).toBe('The SSO session of profile "sso-dev" has expired or you are not signed in.');
    expect(view.problem?.hint).toBe('Run `aws sso login --profile sso-dev` (or `aws sso login --sso-session bd-sso`), then refresh the connection.');
    expect(view.region).toEqual({ region: AWS_HOME_SSO_REGION, origin: 'profile' });
    const test = await s.testConnection();
    expect(test.steps.map((step) => step.status)).toEqual(['fail', 'skipped', 'skipped']);
    expect(test.steps[0]?.error?.hint).toContain('aws sso login --profile sso-dev');
    expect(emulator.requests.length).toBe(sent); // nothing was sent with credentials we do not have
  });

  it('credential_process: temporary credentials, provider "process"', async () => {
    const { view, callerArn } = await connectAndIdentify(session(envWith(['process'], { AWS_PROFILE: 'process' })));
    expect(view.credentials).toMatchObject({ source: 'profile', provider: 'process', maskedKeyId: 'ASIA…BOX1', temporary: true, expiresAt: '2099-01-01T00:00:00.000Z' });
    expect(view.region).toEqual({ region: 'us-east-1', origin: 'default' });
    expect(callerArn).toContain('assumed-role/SandboxRole');
  });

  it('a failing credential_process: says so without repeating its output', async () => {
    const { view } = await connectAndIdentify(session(envWith(['process-failing'], { AWS_PROFILE: 'process-broken' })));
    expect(view.problem?.code).toBe('CredentialProcessFailed');
    expect(view.problem?.message).toContain('"process-broken"');
    expect(JSON.stringify(view.problem)).not.toContain('token vault');
  });

  it('a profile that does not exist', async () => {
    const { view } = await connectAndIdentify(session(envWith(['static'], { AWS_PROFILE: 'ghost' })));
    expect(view.problem?.code).toBe('ProfileNotFound');
    expect(view.problem?.hint).toContain('aws configure --profile ghost');
  });

  it('EC2 instance role via IMDS, with no AWS_PROFILE: found, and Moltbot would not have', async () => {
    const env = envWith(['region-only'], { ...metadata.env.imds });
    delete (env as Record<string, string | undefined>).AWS_EC2_METADATA_DISABLED;
    const before = metadata.requests.length;
    const { view, callerArn } = await connectAndIdentify(session(env));
    expect(view.credentials).toMatchObject({ source: 'default-chain', provider: 'imds', maskedKeyId: 'ASIA…BOX1', temporary: true, expiresAt: '2099-01-01T00:00:00.000Z' });
    expect(view.credentials.profile).toBeUndefined();
    expect(view.region).toEqual({ region: 'ap-southeast-2', origin: 'profile' }); // [default] region
    expect(callerArn).toContain('assumed-role/SandboxRole');
    expect(view.moltbot).toEqual({
      source: 'none',
      differs: true,
      note: 'Moltbot only reads environment variables, so it would find no credentials here; Bedrock Desk found the EC2 instance role (IMDS) through the SDK chain — no AWS_PROFILE=default workaround is needed.',
    });
    // IMDSv2: token first, then the role, then its credentials.
    expect(metadata.requests.slice(before).map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
      'PUT /latest/api/token 200',
      'GET /latest/meta-data/iam/security-credentials/ 200',
      'GET /latest/meta-data/iam/security-credentials/BedrockDeskSandboxRole 200',
    ]);
  });

  it('ECS container credentials via AWS_CONTAINER_CREDENTIALS_FULL_URI (+ authorization token), region from the config', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bd-src-cfg-'));
    const configPath = join(dir, 'moltbot.json5');
    writeFileSync(configPath, '{ models: { bedrockDiscovery: { region: "eu-north-1" } } }');
    const { view, account } = await connectAndIdentify(session(envWith([], { ...metadata.env.ecs, AWS_REGION: 'us-west-2' }), { configPath }));
    expect(view.credentials).toMatchObject({ source: 'default-chain', provider: 'ecs', maskedKeyId: 'ASIA…BOX1', temporary: true });
    expect(view.region).toEqual({ region: 'eu-north-1', origin: 'config' });
    expect(account).toBe(EMULATOR_ACCOUNT);
    expect(view.moltbot.differs).toBe(true);
  });

  it('ECS with a wrong authorization token: a container problem, not "no credentials"', async () => {
    const { view } = await connectAndIdentify(session(envWith([], { ...metadata.env.ecs, AWS_CONTAINER_AUTHORIZATION_TOKEN: 'wrong' })));
    expect(view.credentials).toMatchObject({ source: 'default-chain', provider: 'ecs' });
    expect(view.problem?.code).toBe('ContainerCredentialsFailed');
  });

  it('a [default] profile is found by the chain (shared file), Moltbot needs AWS_PROFILE=default for it', async () => {
    const { view } = await connectAndIdentify(session(envWith(['default'])));
    expect(view.credentials).toMatchObject({ source: 'default-chain', provider: 'shared-file', profile: 'default' });
    expect(view.moltbot.note).toContain('no AWS_PROFILE=default workaround is needed');
  });

  it('nothing at all: source none, what to set, and the Sandbox', async () => {
    const s = session(envWith(['region-only']));
    const { view } = await connectAndIdentify(s);
    expect(view.credentials.source).toBe('none');
    expect(view.problem).toMatchObject({ code: 'NoCredentials', message: 'No AWS credentials were found.' });
    expect(view.problem?.hint).toMatch(/AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY/);
    expect(view.problem?.hint).toMatch(/Sandbox mode \(it works offline\)/);
    expect(view.moltbot).toEqual({ source: 'none', differs: false });
  });
});

describe('IMDS absent', () => {
  it('resolution waits for one IMDS attempt only (no retry, no v1 fallback), and the next one skips the probe (cached)', async () => {
    // Accepts connections and never answers: like a network that drops packets to 169.254.169.254.
    const sockets = new Set<Socket>();
    const blackHole = createServer((socket) => void sockets.add(socket));
    await new Promise<void>((resolve) => blackHole.listen(0, '127.0.0.1', resolve));
    const env = envWith([], { AWS_EC2_METADATA_SERVICE_ENDPOINT: `http://127.0.0.1:${(blackHole.address() as AddressInfo).port}` });
    delete (env as Record<string, string | undefined>).AWS_EC2_METADATA_DISABLED;
    try {
      // Counted, not timed (speed goals live in the benchmark): the black hole sees exactly one
      // connection, so there was one attempt; the wait cannot end before the IMDS timeout.
      const started = performance.now();
      const first = await session(env).connection();
      expect(performance.now() - started).toBeGreaterThanOrEqual(IMDS_TIMEOUT_MS - 50);
      expect(first.credentials.source).toBe('none');
      expect(sockets.size).toBe(1);
      const second = await session(env).connection();
      expect(second.credentials.source).toBe('none');
      expect(sockets.size).toBe(1); // not asked again
    } finally {
      for (const socket of sockets) socket.destroy();
      blackHole.close();
    }
  });
});

describe('choosing a profile', () => {
  it('lists every profile with kind, files and region, honouring AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE', async () => {
    const home = createAwsHome(['static', 'regional', 'sso-expired', 'process', 'region-only']);
    // Files outside HOME, only reachable through the variables.
    const elsewhere = createAwsHome([]);
    const env = envWith([], { HOME: elsewhere.home, AWS_CONFIG_FILE: home.configFile, AWS_SHARED_CREDENTIALS_FILE: home.credentialsFile });
    const view = await session(env).connection();
    expect(view.profiles).toEqual([
      { name: 'default', kind: 'other', files: ['config'], region: 'ap-southeast-2' },
      { name: 'process', kind: 'process', files: ['config'] },
      { name: 'regional', kind: 'static', files: ['config', 'credentials'], region: AWS_HOME_PROFILE_REGION },
      { name: 'sso-dev', kind: 'sso', files: ['config'], region: AWS_HOME_SSO_REGION, ssoSession: 'bd-sso' },
      { name: 'static', kind: 'static', files: ['credentials'] },
    ]);
  });

  it('selectProfile wins over AWS_PROFILE and env keys, re-resolves, and tells the backend; null goes back', async () => {
    const changes: ConnectionView[] = [];
    const env = envWith(['static', 'regional'], { AWS_PROFILE: 'static', AWS_ACCESS_KEY_ID: EMULATOR_CREDENTIALS.accessKeyId, AWS_SECRET_ACCESS_KEY: EMULATOR_CREDENTIALS.secretAccessKey });
    const s = session(env, { onConnectionChanged: (view) => changes.push(view) });
    expect((await s.connection()).credentials.source).toBe('env-keys');
    const picked = await s.selectProfile('regional');
    expect(picked).toMatchObject({ selectedProfile: 'regional', credentials: { source: 'profile', profile: 'regional' }, region: { origin: 'profile', region: AWS_HOME_PROFILE_REGION } });
    expect(picked.moltbot.differs).toBe(true);
    expect(picked.moltbot.note).toContain('AWS_PROFILE=regional');
    expect(changes.map((c) => c.selectedProfile)).toEqual(['regional']);
    const back = await s.selectProfile(null);
    expect(back.selectedProfile).toBeUndefined();
    expect(back.credentials.source).toBe('env-keys');
    expect(Date.parse(back.resolvedAt)).toBeGreaterThanOrEqual(Date.parse(picked.resolvedAt));
  });

  it('an edit to ~/.aws/config re-resolves and fires the change callback', async () => {
    const home = createAwsHome(['static']);
    const changed = new Promise<ConnectionView>((resolve) => {
      const s = session({ ...envWith([]), ...home.env, AWS_PROFILE: 'static' }, { onConnectionChanged: resolve });
      void s.connection().then((first) => {
        expect(first.region.origin).toBe('default');
        home.appendConfig('[profile static]\nregion = sa-east-1');
      });
    });
    const view = await changed;
    expect(view.region).toEqual({ region: 'sa-east-1', origin: 'profile' });
  });

  it('a profile file created after start (no ~/.aws yet) is picked up', async () => {
    const home = mkdtempSync(join(tmpdir(), 'bd-src-empty-'));
    const changes: ConnectionView[] = [];
    const s = session({ ...envWith([]), HOME: home, AWS_CONFIG_FILE: '', AWS_SHARED_CREDENTIALS_FILE: '' }, { onConnectionChanged: (v) => changes.push(v) });
    expect((await s.connection()).credentials.source).toBe('none');
    createAwsHome(['default'], { dir: home });
    await expect.poll(() => changes.at(-1)?.credentials.source, { timeout: 5000 }).toBe('default-chain');
  });

  it('refreshCredentials resolves again on demand', async () => {
    const home = createAwsHome([]);
    const s = session({ ...envWith([]), ...home.env }, { watchAwsFiles: false });
    expect((await s.connection()).credentials.source).toBe('none');
    createAwsHome(['default'], { dir: home.home });
    const view = await s.refreshCredentials();
    expect(view.credentials).toMatchObject({ source: 'default-chain', provider: 'shared-file' });
  });
});

// Secret leak suite (issue 8, item 2), web host side. The app runs with distinctive canary
// credentials (electron/emulator/leak-canary.ts) that the emulator accepts, through the main flows:
// connect + Test connection, discovery, a streamed answer and failed ones (ExpiredToken,
// AccessDenied, and an error whose message echoes the request's credentials), export in both
// formats, a config form edit + Save, and every screen. Everything that could carry a secret is
// recorded — every WebSocket frame both ways, every HTTP request and response body, the DOM of each
// screen, console output, the host's stdout/stderr, the downloads, and every file under the temp
// HOME and the data dir — and none may hold a secret or the full access key id. Each flow is also
// checked to have run, so a broken flow cannot pass vacuously, and the detector is shown to work.
//
// The Electron side needs no run of its own: the preload (electron/preload.ts) exposes only the
// verb-shaped Api of shared/ipc.ts, every channel of which is the same contract the web host
// serves and this suite records; no channel answers a secret (ConnectionView carries masked ids).
import type { Page } from '@playwright/test';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Emulator } from '../electron/emulator/index.ts';
import { LEAK_CANARY, LEAK_CANARY_BEARER, LEAK_CANARY_KEY, LEAK_ENV_BEARER, LEAK_ENV_KEYS, findLeaks, readTree, scanTexts } from '../electron/emulator/leak-canary.ts';
import { expect, test, type AppHost } from './fixtures.ts';
import { Recorder } from './recorder.ts';
import { ask } from './chat-actions.ts';

const COHERE = 'cohere.command-r-v1:0';
const CONFIG_FILE = 'work/moltbot.json5';
/** Another provider's key in the config: only the config file (and its backup) may hold it. */
const CONFIG_SECRET = 'sk-leak-suite-CONFIG-SECRET-0123456789';
const CONFIG = `// Moltbot config for the leak suite.
{
  agents: { defaults: { model: { primary: 'amazon-bedrock/${COHERE}' } } },
  models: {
    bedrockDiscovery: { enabled: true, refreshInterval: 3600 },
    providers: { openai: { apiKey: '${CONFIG_SECRET}' } },
  },
}
`;

async function screen(page: Page, recorder: Recorder, name: 'Connection' | 'Models' | 'Config' | 'Chat' | 'Compare'): Promise<void> {
  await page.getByRole('button', { name, exact: true }).click();
  await page.waitForTimeout(150);
  recorder.add(`DOM of ${name}`, await page.content());
}

/** Asks and waits for the answer to end (done or failed). */
async function askToEnd(page: Page, prompt: string) {
  const answer = await ask(page, prompt);
  await expect(answer).not.toHaveAttribute('data-status', 'streaming', { timeout: 20_000 });
  return answer;
}

/** The hostile server: an error whose message quotes the request's credentials back, as AWS's SignatureDoesNotMatch quotes the canonical request. */
function echoingMessage(mode: 'keys' | 'bearer'): string {
  return mode === 'keys'
    ? `The request signature we calculated does not match the signature you provided. The Canonical String for this request should have been 'POST /model/x/converse-stream host:bedrock-runtime x-amz-security-token:${LEAK_CANARY.sessionToken}' Credential=${LEAK_CANARY.accessKeyId}/20250101/us-west-2/bedrock/aws4_request secret=${LEAK_CANARY.secretAccessKey}`
    : `Invalid request: header Authorization: Bearer ${LEAK_CANARY.bearerToken} was not understood.`;
}

async function runFlows(page: Page, app: AppHost, emulator: Emulator, recorder: Recorder, mode: 'keys' | 'bearer'): Promise<{ downloads: string[] }> {
  // Connect: the indicator, then Test connection.
  await page.goto(app.url);
  const indicator = page.getByTestId('credential-indicator');
  await expect(indicator).toHaveAttribute('data-source', mode === 'keys' ? 'env-keys' : 'bearer-token');
  if (mode === 'keys') await expect(page.getByTestId('detail-key-id')).toHaveText(LEAK_CANARY.maskedKeyId);
  await screen(page, recorder, 'Connection');
  await page.getByRole('button', { name: 'Test connection' }).click();
  const result = page.getByTestId('connection-test-result');
  await expect(result).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId('test-step-list-models')).toHaveAttribute('data-status', 'pass');
  await expect(page.getByTestId('test-step-invoke')).toHaveAttribute('data-status', 'pass');
  if (mode === 'keys') {
    await expect(page.getByTestId('test-step-identity')).toHaveAttribute('data-status', 'pass');
    await expect(page.getByTestId('caller-identity')).toContainText(LEAK_CANARY.arn);
  }
  recorder.add('DOM after Test connection', await page.content());
  // Test connection again against a server that quotes the credentials back in its errors.
  emulator.setScript({
    faults: [
      { kind: 'http-error', status: 400, code: 'ValidationException', message: echoingMessage(mode), operation: 'ListFoundationModels' },
      { kind: 'http-error', status: 400, code: 'SomeUnmappedException', message: echoingMessage(mode), operation: 'ConverseStream' },
      { kind: 'http-error', status: 400, code: 'InvalidParameterValue', message: echoingMessage(mode), operation: 'GetCallerIdentity' },
    ],
  });
  await page.getByRole('button', { name: 'Test connection' }).click();
  await expect(page.getByTestId('test-step-list-models')).toHaveAttribute('data-status', 'fail', { timeout: 20_000 });
  await expect(page.getByTestId('test-step-list-models').getByTestId('step-error')).toContainText('[redacted]');
  recorder.add('DOM after failed Test connection', await page.content());
  emulator.setScript({});

  // Discover.
  await screen(page, recorder, 'Models');
  await expect(page.getByTestId('model-row').first()).toBeVisible({ timeout: 20_000 });
  expect(Number(/^(\d+)/.exec(await page.getByTestId('models-count').innerText())?.[1])).toBeGreaterThan(5);
  recorder.add('DOM of Models (loaded)', await page.content());

  // Chat: a streamed answer.
  emulator.setScript({ tokens: 30, tokenDelayMs: 5 });
  await screen(page, recorder, 'Chat');
  await page.getByLabel('Model').selectOption(COHERE);
  const good = await askToEnd(page, 'Tell me about lighthouses');
  await expect(good).toHaveAttribute('data-status', 'done');
  await expect(good).toContainText('lighthouses');
  // Failed answers: expired session, access denied, and a server that echoes the credentials.
  emulator.setScript({ faults: [{ kind: 'http-error', status: 403, code: 'ExpiredTokenException', message: 'The security token included in the request is expired', operation: 'ConverseStream' }] });
  const expired = await askToEnd(page, 'This one expires');
  await expect(expired).toHaveAttribute('data-status', 'error');
  await expect(expired.getByTestId('message-error')).toHaveAttribute('data-error-code', 'ExpiredToken');
  emulator.setScript({ faults: [{ kind: 'access-denied', action: 'bedrock:InvokeModelWithResponseStream', operation: 'ConverseStream' }] });
  const denied = await askToEnd(page, 'This one is denied');
  await expect(denied).toHaveAttribute('data-status', 'error');
  await expect(denied.getByTestId('message-error')).toContainText('bedrock:InvokeModelWithResponseStream');
  for (const code of ['ValidationException', 'SomeUnmappedException']) {
    emulator.setScript({ faults: [{ kind: 'http-error', status: 400, code, message: echoingMessage(mode), operation: 'ConverseStream' }] });
    const echoed = await askToEnd(page, `This one echoes (${code})`);
    await expect(echoed).toHaveAttribute('data-status', 'error');
    // The server's text is shown, with the credentials it quoted taken out.
    await expect(echoed.getByTestId('message-error')).toContainText('[redacted]');
  }
  expect(emulator.requests.filter((r) => r.operation === 'ConverseStream' && r.status !== undefined && r.status >= 400).length).toBeGreaterThanOrEqual(4);
  recorder.add('DOM of Chat (after answers)', await page.content());

  // Export: both formats (the failed turns included).
  const downloads: string[] = [];
  for (const name of ['Export Markdown', 'Export JSON']) {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name }).click()]);
    const text = await readFile((await download.path())!, 'utf8');
    expect(text).toContain('Tell me about lighthouses');
    expect(text).toContain('This one echoes');
    downloads.push(text);
    recorder.add(`download ${download.suggestedFilename()}`, text);
  }

  // Config: a form edit, then Save (writes the file and its .bak).
  await screen(page, recorder, 'Config');
  await page.getByLabel('refreshInterval', { exact: true }).fill('600');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByTestId('config-notice')).toContainText('Saved');
  expect(await readFile(join(app.home, CONFIG_FILE), 'utf8')).toContain('refreshInterval: 600');
  recorder.add('DOM of Config (saved)', await page.content());

  await screen(page, recorder, 'Compare');
  await screen(page, recorder, 'Connection');
  return { downloads };
}

async function expectNothingLeaked(app: AppHost, recorder: Recorder): Promise<void> {
  await recorder.settle();
  // Give the renderer's conversation saves and the cache writes a moment to land on disk.
  await new Promise((resolve) => setTimeout(resolve, 300));
  const files = await readTree(app.home); // the data dir is inside HOME
  expect(files.some(([path]) => path.startsWith(app.dataDir))).toBe(true);
  const fileNames = files.map(([path]) => path).join('\n');
  expect(fileNames, 'the discovery cache was written').toMatch(/cache/i);
  expect(fileNames, 'a conversation was written').toMatch(/conversation/i);
  expect(fileNames, 'the config backup was written').toContain(`${CONFIG_FILE}.bak`);
  const report = scanTexts([...recorder.texts, ['web host stdout/stderr', app.output()], ...files]);
  expect(report.leaks).toEqual([]);
  const configFile = join(app.home, CONFIG_FILE);
  const elsewhere: Array<[string, string]> = [...recorder.texts, ['web host stdout/stderr', app.output()], ...files.filter(([path]) => path !== configFile && path !== `${configFile}.bak`)];
  expect(elsewhere.filter(([, text]) => text.includes(CONFIG_SECRET)).map(([where]) => where)).toEqual([]);
  expect(await readFile(configFile, 'utf8')).toContain(CONFIG_SECRET);
  // The recording did capture the traffic (a vacuous pass would have nothing to scan).
  expect(recorder.wsFrames).toBeGreaterThan(10);
  expect(recorder.invokes).toBeGreaterThan(10);
  expect(recorder.all()).toContain('chat:delta');
  expect(recorder.all()).toContain('conversations:export');
}

test.describe('env keys + session token', () => {
  test.use({
    emulatorOptions: { keys: [LEAK_CANARY_KEY], bearerTokens: [LEAK_CANARY_BEARER] },
    appOptions: { env: { ...LEAK_ENV_KEYS }, args: ['--config', `~/${CONFIG_FILE}`], homeFiles: { [CONFIG_FILE]: CONFIG } },
  });

  test('connect, discover, chat (ok and failed), export, config save: no secret anywhere', async ({ page, app, emulator }) => {
    const recorder = new Recorder(page);
    await runFlows(page, app, emulator, recorder, 'keys');
    // The calls were signed with the canary key, so the secrets really were in play.
    expect(emulator.requests.some((r) => r.auth?.accessKeyId === LEAK_CANARY.accessKeyId && r.status === 200)).toBe(true);
    expect(recorder.all()).toContain(LEAK_CANARY.maskedKeyId);
    await expectNothingLeaked(app, recorder);
  });
});

test.describe('bearer token (AWS_BEARER_TOKEN_BEDROCK)', () => {
  test.use({
    emulatorOptions: { keys: [LEAK_CANARY_KEY], bearerTokens: [LEAK_CANARY_BEARER] },
    appOptions: {
      env: { ...LEAK_ENV_BEARER, AWS_ACCESS_KEY_ID: null, AWS_SECRET_ACCESS_KEY: null },
      args: ['--config', `~/${CONFIG_FILE}`],
      homeFiles: { [CONFIG_FILE]: CONFIG },
    },
  });

  test('connect, discover, chat (ok and failed), export, config save: no secret anywhere', async ({ page, app, emulator }) => {
    const recorder = new Recorder(page);
    await runFlows(page, app, emulator, recorder, 'bearer');
    expect(emulator.requests.some((r) => r.auth?.kind === 'bearer' && r.status === 200)).toBe(true);
    await expectNothingLeaked(app, recorder);
  });
});

test.describe('the detector', () => {
  test('finds a planted secret in a file, a console line and a WebSocket-like frame; allows the masked id', async ({ page }) => {
    const scratch = await mkdtemp(join(tmpdir(), 'bd-leak-control-'));
    try {
      await writeFile(join(scratch, 'clean.json'), JSON.stringify({ maskedKeyId: LEAK_CANARY.maskedKeyId, note: 'nothing here' }));
      await writeFile(join(scratch, 'planted.log'), `token=${LEAK_CANARY.sessionToken}\n`);
      await writeFile(join(scratch, 'planted.b64'), Buffer.from(`secret: ${LEAK_CANARY.secretAccessKey}`).toString('base64'));
      const report = scanTexts(await readTree(scratch));
      expect(report.leaks.map((l) => l.where.slice(scratch.length + 1)).sort()).toEqual(['planted.b64', 'planted.log']);
    } finally {
      await rm(scratch, { recursive: true, force: true });
    }
    expect(findLeaks(JSON.stringify({ error: `Credential=${LEAK_CANARY.accessKeyId}/…` }))).toContain('access key id');
    expect(findLeaks(encodeURIComponent(`Bearer ${LEAK_CANARY.bearerToken}`))).toContain('bearerToken');
    expect(findLeaks(`${LEAK_CANARY.maskedKeyId} via env`)).toEqual([]);
    // The page-side recording catches a secret logged by the page.
    await page.goto('about:blank');
    const messages: string[] = [];
    page.on('console', (m) => messages.push(m.text()));
    await page.evaluate((secret) => console.log(`oops ${secret.slice(0, 30)}`), LEAK_CANARY.bearerToken);
    await expect.poll(() => messages.length).toBe(1);
    expect(findLeaks(messages[0]!)).toContain('secret marker');
  });
});

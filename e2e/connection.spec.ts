// The Connection screen against real credential sources: env keys, a profile from the shared
// files in the temp HOME, an EC2 instance role served by a loopback metadata server, an expired SSO
// session, and AccessDenied from the emulator. Every case also checks that no secret reached the page.
import type { Page } from '@playwright/test';
import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AWS_HOME_PROFILE_REGION, AWS_HOME_PROFILES } from '../electron/emulator/aws-home.ts';
import { EMULATOR_ACCOUNT, EMULATOR_CREDENTIALS, EMULATOR_TEMP_CREDENTIALS } from '../electron/emulator/index.ts';
import { startMetadataServer, type MetadataServer } from '../electron/emulator/metadata-server.ts';
import { expect, test } from './fixtures.ts';

const masked = (keyId: string) => `${keyId.slice(0, 4)}…${keyId.slice(-4)}`;
const USER_ARN = `arn:aws:iam::${EMULATOR_ACCOUNT}:user/sandbox`;

/** Neither half of any emulator key pair, nor a session token, is anywhere in the page. */
async function expectNoSecrets(page: Page): Promise<void> {
  const html = await page.content();
  for (const secret of [
    EMULATOR_CREDENTIALS.secretAccessKey,
    EMULATOR_CREDENTIALS.accessKeyId,
    EMULATOR_TEMP_CREDENTIALS.secretAccessKey,
    EMULATOR_TEMP_CREDENTIALS.accessKeyId,
    EMULATOR_TEMP_CREDENTIALS.sessionToken,
  ]) {
    expect(html).not.toContain(secret);
  }
}

/**
 * With CONNECTION_SCREENSHOTS=<dir>, saves the Connection screen as <dir>/conn-<name>.png (tall
 * viewport: the screen scrolls inside the window, so a full-page shot would cut it).
 */
async function screenshot(page: Page, name: string): Promise<void> {
  const dir = process.env.CONNECTION_SCREENSHOTS;
  if (!dir) return;
  await page.setViewportSize({ width: 1280, height: 1300 });
  await page.getByTestId('connection-screen').evaluate((el) => el.scrollTo(0, 0));
  await page.screenshot({ path: join(dir, `conn-${name}.png`) });
}

async function runTest(page: Page) {
  await page.getByRole('button', { name: 'Connection', exact: true }).click();
  await page.getByRole('button', { name: 'Test connection' }).click();
  const result = page.getByTestId('connection-test-result');
  await expect(result).toBeVisible({ timeout: 20_000 });
  return result;
}

async function expectAllStepsPass(page: Page): Promise<void> {
  const result = await runTest(page);
  for (const id of ['identity', 'list-models', 'invoke']) {
    await expect(page.getByTestId(`test-step-${id}`)).toHaveAttribute('data-status', 'pass');
    await expect(page.getByTestId(`test-step-${id}`)).toContainText(/\d+ ms/);
  }
  await expect(result).toHaveAttribute('data-outcome', 'pass');
  await expect(page.getByTestId('caller-identity')).toContainText(EMULATOR_ACCOUNT);
  await expect(page.getByTestId('detail-account')).toHaveText(EMULATOR_ACCOUNT);
}

const ini = (sections: Record<string, Record<string, string>>) =>
  Object.entries(sections)
    .map(([name, keys]) => `[${name}]\n${Object.entries(keys).map(([k, v]) => `${k} = ${v}`).join('\n')}\n`)
    .join('\n');

/** Static keys the emulator accepts, as a profile of ~/.aws/credentials. */
const STATIC_KEYS = { aws_access_key_id: EMULATOR_CREDENTIALS.accessKeyId, aws_secret_access_key: EMULATOR_CREDENTIALS.secretAccessKey };
const TEMP_KEYS = {
  aws_access_key_id: EMULATOR_TEMP_CREDENTIALS.accessKeyId,
  aws_secret_access_key: EMULATOR_TEMP_CREDENTIALS.secretAccessKey,
  aws_session_token: EMULATOR_TEMP_CREDENTIALS.sessionToken,
};

/** Env keys out of the way, so the profile or the default chain decides. */
const NO_ENV_KEYS = { AWS_ACCESS_KEY_ID: null, AWS_SECRET_ACCESS_KEY: null } as const;

test.describe('env keys', () => {
  test('indicator and Test connection: every step passes, account and caller ARN shown', async ({ page, app }) => {
    await page.goto(app.url);
    const indicator = page.getByTestId('credential-indicator');
    await expect(indicator).toHaveAttribute('data-source', 'env-keys');
    await expect(indicator).toContainText(`Env keys ${masked(EMULATOR_CREDENTIALS.accessKeyId)}`);
    await expect(page.getByTestId('credential-region')).toHaveText('us-west-2 · AWS_REGION');
    await expect(page.getByTestId('detail-key-id')).toHaveText(masked(EMULATOR_CREDENTIALS.accessKeyId));
    await expect(page.getByTestId('detail-region')).toHaveAttribute('data-origin', 'AWS_REGION');
    // Moltbot reads the same env keys: nothing to compare, nothing wrong.
    await expect(page.getByTestId('moltbot-note')).toHaveCount(0);
    await expect(page.getByTestId('connection-problem')).toHaveCount(0);

    await expectAllStepsPass(page);
    await expect(page.getByTestId('caller-identity')).toContainText(USER_ARN);
    await expect(page.getByTestId('detail-caller-arn')).toHaveText(USER_ARN);
    await expectNoSecrets(page);
    await screenshot(page, 'env');
  });
});

test.describe('AccessDenied on ListFoundationModels', () => {
  test('the list-models step fails naming the missing IAM action', async ({ page, app, emulator }) => {
    emulator.setScript({ faults: [{ kind: 'access-denied', action: 'bedrock:ListFoundationModels', operation: 'ListFoundationModels' }] });
    await page.goto(app.url);
    await runTest(page);
    await expect(page.getByTestId('test-step-identity')).toHaveAttribute('data-status', 'pass');
    const step = page.getByTestId('test-step-list-models');
    await expect(step).toHaveAttribute('data-status', 'fail');
    await expect(step.getByRole('img', { name: 'Failed' })).toBeVisible();
    await expect(step.getByTestId('step-error')).toContainText('bedrock:ListFoundationModels');
    await expect(step.locator('code', { hasText: 'bedrock:ListFoundationModels' }).first()).toBeVisible();
    await expect(page.getByTestId('connection-test-result')).toHaveAttribute('data-outcome', 'fail');
    expect(emulator.requests.some((r) => r.operation === 'ListFoundationModels' && r.status === 403)).toBe(true);
    await expectNoSecrets(page);
    await screenshot(page, 'access-denied');
  });
});

test.describe('a profile from the shared credentials file', () => {
  const profile = AWS_HOME_PROFILES.regional;
  test.use({ appOptions: { env: { ...NO_ENV_KEYS, AWS_REGION: null, AWS_PROFILE: profile }, args: [], awsHome: ['regional'] } });

  test('indicator names the profile, the region comes from it, and Test connection passes', async ({ page, app }) => {
    await page.goto(app.url);
    const indicator = page.getByTestId('credential-indicator');
    await expect(indicator).toHaveAttribute('data-source', 'profile');
    await expect(indicator).toHaveAttribute('data-provider', 'shared-file');
    await expect(indicator).toContainText(`Profile ${profile}`);
    await expect(page.getByTestId('credential-region')).toHaveText(`${AWS_HOME_PROFILE_REGION} · profile`);
    await expect(page.getByTestId('detail-region')).toHaveAttribute('data-origin', 'profile');
    await expect(page.getByTestId('detail-profile')).toContainText(`${profile} (AWS_PROFILE)`);
    await expect(page.getByTestId('detail-key-id')).toHaveText(masked(EMULATOR_CREDENTIALS.accessKeyId));
    const item = page.locator(`[data-testid="profile-item"][data-profile="${profile}"]`);
    await expect(item).toContainText('static');
    await expect(item).toContainText(AWS_HOME_PROFILE_REGION);
    await expectAllStepsPass(page);
    await expect(page.getByTestId('detail-caller-arn')).toHaveText(USER_ARN);
    await expectNoSecrets(page);
  });
});

test.describe('profile picker', () => {
  test.use({ appOptions: { env: { ...NO_ENV_KEYS }, args: [], awsHome: ['static', 'regional', 'sso-expired', 'process'] } });

  test('choosing a profile switches the indicator, and Environment default switches it back', async ({ page, app }) => {
    await page.goto(app.url);
    const indicator = page.getByTestId('credential-indicator');
    // No env keys, no AWS_PROFILE, no [default], IMDS off: nothing in the environment.
    await expect(indicator).toHaveAttribute('data-source', 'none');
    await expect(page.getByTestId('no-credentials')).toBeVisible();

    const picker = page.getByLabel('Profile', { exact: true });
    await expect(picker).toHaveAttribute('data-testid', 'profile-picker');
    const options = await picker.locator('option').allInnerTexts();
    expect(options[0]).toBe('Environment default');
    expect(options).toEqual(
      expect.arrayContaining(['static · static', `regional · static · ${AWS_HOME_PROFILE_REGION}`, expect.stringMatching(/^sso-dev · SSO/), 'process · process']),
    );
    await expect(page.locator('[data-testid="profile-item"][data-profile="sso-dev"]')).toHaveAttribute('data-kind', 'sso');

    await picker.selectOption('static');
    await expect(indicator).toHaveAttribute('data-source', 'profile');
    await expect(indicator).toContainText('Profile static');
    await expect(page.getByTestId('no-credentials')).toHaveCount(0);
    await expect(page.getByTestId('detail-profile')).toContainText('static (picked here)');
    await expect(page.getByTestId('detail-key-id')).toHaveText(masked(EMULATOR_CREDENTIALS.accessKeyId));
    // Moltbot reads only the environment: picking here differs from it, and it says how to match.
    await expect(page.getByTestId('moltbot-note')).toContainText('AWS_PROFILE=static');

    await picker.selectOption('process');
    await expect(indicator).toContainText('Profile process · credential_process');
    await expect(indicator).toHaveAttribute('data-provider', 'process');
    await expect(page.getByTestId('detail-key-id')).toHaveText(masked(EMULATOR_TEMP_CREDENTIALS.accessKeyId));
    await expect(page.getByTestId('credential-expiry')).toHaveAttribute('data-state', 'ok');
    await expectAllStepsPass(page);
    await expect(page.getByTestId('detail-caller-arn')).toContainText('assumed-role/SandboxRole');

    await picker.selectOption('sso-dev');
    await expect(indicator).toHaveAttribute('data-problem', 'SsoSessionExpired');
    await expect(indicator).toContainText('Profile sso-dev · SSO');
    // The old test result belonged to other credentials.
    await expect(page.getByTestId('connection-test-result')).toHaveCount(0);

    await picker.selectOption({ label: 'Environment default' });
    await expect(indicator).toHaveAttribute('data-source', 'none');
    await expectNoSecrets(page);
  });
});

/** The expired-SSO checks, for either config layout. */
async function expectSsoGuidance(page: Page, profile: string, token: string): Promise<void> {
  const indicator = page.getByTestId('credential-indicator');
  await expect(indicator).toHaveAttribute('data-source', 'profile');
  await expect(indicator).toHaveAttribute('data-problem', 'SsoSessionExpired');
  await expect(indicator).toContainText(`Profile ${profile} · SSO`);
  await expect(indicator).toContainText('SSO session expired');
  const problem = page.getByTestId('connection-problem');
  await expect(problem).toHaveAttribute('data-error-code', 'SsoSessionExpired');
  const command = `aws sso login --profile ${profile}`;
  await expect(problem.getByTestId('hint-command').locator('code').first()).toHaveText(command);
  await expect(problem.getByRole('button', { name: `Copy command: ${command}` })).toBeVisible();
  // The test says the same, at its first step.
  await runTest(page);
  await expect(page.getByTestId('test-step-identity')).toHaveAttribute('data-status', 'fail');
  await expect(page.getByTestId('test-step-identity').getByTestId('hint-command').locator('code').first()).toHaveText(command);
  expect(await page.content()).not.toContain(token);
  await expectNoSecrets(page);
}

test.describe('an SSO profile whose session has expired', () => {
  const profile = AWS_HOME_PROFILES['sso-expired'];
  test.use({ appOptions: { env: { ...NO_ENV_KEYS, AWS_PROFILE: profile }, args: [], awsHome: ['sso-expired'] } });

  test('the indicator warns and the screen gives the exact aws sso login command', async ({ page, app }) => {
    await page.goto(app.url);
    await expect(page.locator(`[data-testid="profile-item"][data-profile="${profile}"]`)).toContainText('SSO');
    await expectSsoGuidance(page, profile, 'expired-sandbox-sso-token');
    await screenshot(page, 'sso-expired');
  });
});

test.describe('an SSO profile in the legacy layout (sso_start_url in the profile) whose session has expired', () => {
  const startUrl = 'https://bedrock-desk-e2e.awsapps.com/start';
  test.use({
    appOptions: {
      env: { ...NO_ENV_KEYS, AWS_PROFILE: 'dev' },
      args: [],
      homeFiles: {
        '.aws/config': ini({
          'profile dev': { sso_start_url: startUrl, sso_region: 'us-east-1', sso_account_id: EMULATOR_ACCOUNT, sso_role_name: 'BedrockUser', region: 'us-west-2' },
        }),
        [`.aws/sso/cache/${createHash('sha1').update(startUrl).digest('hex')}.json`]: JSON.stringify({
          startUrl,
          region: 'us-east-1',
          accessToken: 'expired-e2e-sso-access-token',
          expiresAt: '2020-01-01T00:00:00Z',
        }),
      },
    },
  });

  test('gives the same guidance', async ({ page, app }) => {
    await page.goto(app.url);
    await expectSsoGuidance(page, 'dev', 'expired-e2e-sso-access-token');
  });
});

/** A test whose app resolves the default chain down to a loopback metadata server. */
const chainTest = test.extend<{ metadata: MetadataServer; endpoint: 'imds' | 'ecs' }>({
  endpoint: ['imds', { option: true }],
  metadata: async ({}, use) => {
    // Instance role credentials last about six hours, and are refreshed before they run out.
    const server = await startMetadataServer({ credentials: { ...EMULATOR_TEMP_CREDENTIALS, expiration: new Date(Date.now() + 6 * 3600_000) } });
    await use(server);
    await server.close();
  },
  // No env keys, no AWS_PROFILE, and IMDS allowed: only the metadata endpoint can answer.
  appOptions: async ({ metadata, endpoint }, use) => {
    await use({ env: { ...NO_ENV_KEYS, AWS_PROFILE: null, AWS_EC2_METADATA_DISABLED: null, ...metadata.env[endpoint] }, args: [] });
  },
});

chainTest.describe('an EC2 instance role (IMDS)', () => {
  chainTest('provider IMDS, temporary key with expiry, and the Moltbot no-workaround note', async ({ page, app, metadata }) => {
    await page.goto(app.url);
    const indicator = page.getByTestId('credential-indicator');
    await expect(indicator).toHaveAttribute('data-source', 'default-chain');
    await expect(indicator).toHaveAttribute('data-provider', 'imds');
    await expect(indicator).toContainText('Default chain · EC2 instance role (IMDS)');
    await expect(page.getByTestId('detail-provider')).toHaveText('EC2 instance role (IMDS)');
    await expect(page.getByTestId('detail-key-id')).toHaveText(masked(EMULATOR_TEMP_CREDENTIALS.accessKeyId));
    await expect(page.getByTestId('credential-expiry')).toHaveAttribute('data-state', 'ok');
    await expect(page.getByTestId('indicator-expiry')).toHaveText(/^[56]h \d\dm left$/);
    const note = page.getByTestId('moltbot-note');
    await expect(note).toHaveAttribute('data-moltbot-source', 'none');
    await expect(note).toContainText('AWS_PROFILE=default');
    await expect(note).toContainText(/no AWS_PROFILE=default workaround is needed/i);
    await expect(page.getByTestId('connection-problem')).toHaveCount(0);
    await expectAllStepsPass(page);
    await expect(page.getByTestId('detail-caller-arn')).toContainText('assumed-role/SandboxRole');
    expect(metadata.requests.some((r) => r.kind === 'imds' && r.path.endsWith('/security-credentials/') && r.status === 200)).toBe(true);
    await expectNoSecrets(page);
    await screenshot(page, 'instance-role');
  });
});

chainTest.describe('ECS container credentials', () => {
  chainTest.use({ endpoint: 'ecs' });

  chainTest('provider ECS, and Test connection passes', async ({ page, app, metadata }) => {
    await page.goto(app.url);
    const indicator = page.getByTestId('credential-indicator');
    await expect(indicator).toHaveAttribute('data-source', 'default-chain');
    await expect(indicator).toHaveAttribute('data-provider', 'ecs');
    await expect(indicator).toContainText('Default chain · ECS container credentials');
    await expect(page.getByTestId('moltbot-note')).toBeVisible();
    await expectAllStepsPass(page);
    expect(metadata.requests.some((r) => r.kind === 'ecs')).toBe(true);
    await expectNoSecrets(page);
  });
});

test.describe('temporary env keys about to expire', () => {
  const expiresAt = new Date(Date.now() + 9 * 60_000 + 30_000).toISOString();
  test.use({
    appOptions: {
      env: {
        AWS_ACCESS_KEY_ID: EMULATOR_TEMP_CREDENTIALS.accessKeyId,
        AWS_SECRET_ACCESS_KEY: EMULATOR_TEMP_CREDENTIALS.secretAccessKey,
        AWS_SESSION_TOKEN: EMULATOR_TEMP_CREDENTIALS.sessionToken,
        AWS_CREDENTIAL_EXPIRATION: expiresAt,
      },
      args: [],
    },
  });

  test('the countdown runs in the title bar (amber) and on the screen; Refresh resolves again', async ({ page, app }) => {
    await page.goto(app.url);
    const countdown = page.getByTestId('indicator-expiry');
    await expect(countdown).toHaveAttribute('data-state', 'soon');
    await expect(countdown).toHaveText(/^[5-9]:\d\d left$/);
    const first = await countdown.innerText();
    await expect.poll(() => countdown.innerText(), { timeout: 5_000 }).not.toBe(first);
    await expect(page.getByTestId('credential-expiry')).toHaveAttribute('data-state', 'soon');
    await expect(page.getByTestId('credential-expiry')).toContainText(/expires in [5-9] min \d\d s/);

    const resolved = page.getByTestId('detail-resolved-at');
    const before = await resolved.getAttribute('data-resolved-at');
    await page.waitForTimeout(20);
    await page.getByRole('button', { name: 'Refresh credentials' }).click();
    await expect(resolved).not.toHaveAttribute('data-resolved-at', before ?? '');
    await expect(page.getByTestId('credential-indicator')).toHaveAttribute('data-source', 'env-keys');
    await expectNoSecrets(page);
  });
});

test.describe('the shared files change while the app runs', () => {
  test.use({
    appOptions: {
      env: { ...NO_ENV_KEYS, AWS_PROFILE: 'dev' },
      args: [],
      homeFiles: { '.aws/credentials': ini({ dev: STATIC_KEYS }) },
    },
  });

  test('new keys in ~/.aws/credentials reach the indicator without a restart', async ({ page, app }) => {
    await page.goto(app.url);
    await expect(page.getByTestId('detail-key-id')).toHaveText(masked(EMULATOR_CREDENTIALS.accessKeyId));
    await writeFile(join(app.home, '.aws', 'credentials'), ini({ dev: TEMP_KEYS, added: STATIC_KEYS }));
    await expect(page.getByTestId('detail-key-id')).toHaveText(masked(EMULATOR_TEMP_CREDENTIALS.accessKeyId), { timeout: 15_000 });
    await expect(page.getByTestId('profile-item')).toHaveCount(2);
    await expectNoSecrets(page);
  });
});

// The real renderer in Debian's Chromium, served by the web host, talking to the emulator
// through the unmodified AWS SDK clients.
import type { Page } from '@playwright/test';
import { EMULATOR_CREDENTIALS } from '../electron/emulator/index.ts';
import { expect, test, type AppHost } from './fixtures.ts';

/** Opens Chat, picks the model and sends the prompt with Enter; returns the answer's locator. */
async function sendChat(page: Page, app: AppHost, modelId: string, prompt: string) {
  await page.goto(app.url);
  await page.getByRole('button', { name: 'Chat', exact: true }).click();
  await page.getByLabel('Model').selectOption(modelId);
  await page.getByLabel('Message').fill(prompt);
  await page.getByLabel('Message').press('Enter');
  return page.getByTestId('assistant-message').last();
}

test.describe('with env credentials', () => {
  test('the indicator shows the env source, masked, and the region with its origin', async ({ page, app }) => {
    await page.goto(app.url);
    const indicator = page.getByTestId('credential-indicator');
    await expect(indicator).toHaveAttribute('data-source', 'env-keys');
    const masked = `${EMULATOR_CREDENTIALS.accessKeyId.slice(0, 4)}…${EMULATOR_CREDENTIALS.accessKeyId.slice(-4)}`;
    await expect(indicator).toContainText(masked);
    await expect(page.getByTestId('credential-region')).toContainText('us-west-2');
    await expect(indicator).toHaveAttribute('aria-label', /AWS_REGION/);
    // The token left the address bar, and no secret is anywhere in the page.
    expect(new URL(page.url()).search).toBe('');
    const html = await page.content();
    expect(html).not.toContain(EMULATOR_CREDENTIALS.secretAccessKey);
    expect(html).not.toContain(EMULATOR_CREDENTIALS.accessKeyId);
    await expect(page.getByTestId('sandbox-badge')).toHaveCount(0);
  });

  test('models come from the emulator, filtered as Moltbot does', async ({ page, app, emulator }) => {
    await page.goto(app.url);
    await page.getByRole('button', { name: 'Models', exact: true }).click();
    const rows = page.getByTestId('model-row');
    await expect(rows.first()).toBeVisible();
    await expect(page.locator('[data-model-id="cohere.command-r-v1:0"]')).toBeVisible();
    // Streaming text models only: no embeddings, no image generators, no non-streaming legacy model.
    for (const id of ['amazon.titan-embed-text-v2:0', 'amazon.nova-canvas-v1:0', 'ai21.j2-ultra-v1']) {
      await expect(page.locator(`[data-model-id="${id}"]`)).toHaveCount(0);
    }
    // A profile-only model is shown with the profile of this region's geography.
    await expect(page.locator('[data-model-id="deepseek.r1-v1:0"]')).toContainText('us.deepseek.r1-v1:0');
    await page.getByLabel('Search models').fill('command');
    await expect(rows).toHaveCount(2);
    expect(emulator.requests.some((r) => r.operation === 'ListFoundationModels')).toBe(true);
  });

  test('a chat reply streams in visibly, token by token', async ({ page, app, emulator }) => {
    // Long enough (~5 s) that even a loaded machine samples it many times mid-stream.
    emulator.setScript({ tokens: 80, tokenDelayMs: 60 });
    const answer = await sendChat(page, app, 'cohere.command-r-v1:0', 'Say hello to the e2e suite');
    await expect(page.getByTestId('user-message')).toContainText('Say hello to the e2e suite');
    // Sample the growing answer: several distinct intermediate lengths while it streams.
    const lengths: number[] = [];
    await expect
      .poll(
        async () => {
          lengths.push((await answer.innerText()).length);
          return answer.getAttribute('data-status');
        },
        { intervals: [50], timeout: 20_000 },
      )
      .toBe('done');
    const distinct = new Set(lengths.filter((n) => n > 0));
    expect(distinct.size).toBeGreaterThanOrEqual(5);
    await expect(answer.getByTestId('message-metrics')).toContainText(/tok/);
    const converse = emulator.requests.find((r) => r.operation === 'ConverseStream');
    expect(converse?.modelId).toBe('cohere.command-r-v1:0');
  });
});

test.describe('stopping', () => {
  test('Stop keeps the partial answer, marks it stopped, and closes the HTTP stream', async ({ page, app, emulator }) => {
    emulator.setScript({ tokens: 400, tokenDelayMs: 40 });
    const answer = await sendChat(page, app, 'cohere.command-r-v1:0', 'Tell me a long story');
    await expect.poll(async () => (await answer.innerText()).length, { timeout: 10_000 }).toBeGreaterThan(60);
    await page.getByRole('button', { name: 'Stop' }).click();
    await expect(answer).toHaveAttribute('data-status', 'stopped');
    const partial = await answer.innerText();
    await page.waitForTimeout(400);
    expect(await answer.innerText()).toBe(partial);
    await expect
      .poll(() => emulator.requests.find((r) => r.operation === 'ConverseStream')?.outcome)
      .toBe('client-closed');
    const sent = emulator.requests.find((r) => r.operation === 'ConverseStream')?.deltasSent ?? 0;
    expect(sent).toBeLessThan(400);
  });
});

test.describe('sandbox', () => {
  test.use({ appOptions: { env: { AWS_ACCESS_KEY_ID: null, AWS_SECRET_ACCESS_KEY: null, AWS_REGION: null }, args: ['--sandbox'] } });

  test('--sandbox labels every screen and answers from the built-in emulator', async ({ page, app }) => {
    await page.goto(app.url);
    for (const screen of ['Connection', 'Models', 'Config', 'Chat']) {
      await page.getByRole('button', { name: screen, exact: true }).click();
      await expect(page.getByTestId('sandbox-badge')).toBeVisible();
    }
    await expect(page.getByTestId('credential-indicator')).toHaveAttribute('data-source', 'sandbox');
    await page.getByLabel('Message').fill('hi');
    await page.getByRole('button', { name: 'Send' }).click();
    await expect(page.getByTestId('assistant-message').last()).toHaveAttribute('data-status', 'done', { timeout: 20_000 });
    expect((await page.getByTestId('assistant-message').last().innerText()).length).toBeGreaterThan(20);
  });
});

test.describe('no credentials', () => {
  test.use({
    appOptions: {
      env: { AWS_ACCESS_KEY_ID: null, AWS_SECRET_ACCESS_KEY: null, AWS_ENDPOINT_URL_STS: null, AWS_ENDPOINT_URL_BEDROCK: null, AWS_ENDPOINT_URL_BEDROCK_RUNTIME: null },
      args: [],
    },
  });

  test('says what to set and offers the Sandbox, which then works', async ({ page, app }) => {
    await page.goto(app.url);
    await expect(page.getByTestId('no-credentials')).toBeVisible();
    await expect(page.getByTestId('no-credentials')).toContainText('AWS_PROFILE');
    await page.getByRole('button', { name: 'Use Sandbox' }).click();
    await expect(page.getByTestId('credential-indicator')).toHaveAttribute('data-source', 'sandbox');
    await expect(page.getByTestId('sandbox-badge')).toBeVisible();
    await page.getByRole('button', { name: 'Models', exact: true }).click();
    await expect(page.getByTestId('model-row').first()).toBeVisible();
  });
});

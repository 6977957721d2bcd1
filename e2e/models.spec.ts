// The models browser against the emulator's default catalog: search, each filter, the details
// panel, the "why can't I use this model?" status learned from a real failure, the refresh error
// that keeps the last good list, and "Make primary" changing the config file in one place only.
import type { Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DEFAULT_CATALOG } from '../electron/emulator/catalog.ts';
import { expect, test, type AppHost } from './fixtures.ts';

/** What Moltbot's discovery keeps of the catalog: ACTIVE, streaming, text output. */
const DISCOVERED = DEFAULT_CATALOG.filter((m) => m.lifecycle === 'ACTIVE' && m.responseStreamingSupported && m.outputModalities.includes('TEXT'));
const PROFILE_ONLY = DISCOVERED.filter((m) => !m.inferenceTypesSupported.includes('ON_DEMAND') && m.inferenceTypesSupported.includes('INFERENCE_PROFILE'));

async function openModels(page: Page, app: AppHost) {
  await page.goto(app.url);
  await page.getByRole('button', { name: 'Models', exact: true }).click();
  await expect(page.getByTestId('model-row').first()).toBeVisible();
}

function row(page: Page, id: string) {
  return page.locator(`[data-testid="model-row"][data-model-id="${id}"]`);
}

/** The ids of the rows in the DOM (the list is windowed: use with filters that leave few rows). */
async function renderedIds(page: Page): Promise<string[]> {
  return page.getByTestId('model-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-model-id') ?? ''));
}

async function shownCount(page: Page): Promise<number> {
  const text = (await page.getByTestId('models-count').innerText()).replace(/,/g, '');
  return Number(/^(\d+) of/.exec(text)?.[1] ?? NaN);
}

test.describe('model browser', () => {
  test('search narrows as you type, on name, id and provider', async ({ page, app }) => {
    await openModels(page, app);
    await expect(page.getByTestId('models-count')).toHaveText(`${DISCOVERED.length} of ${DISCOVERED.length}`);
    const search = page.getByLabel('Search models');
    await search.pressSequentially('comm');
    await expect.poll(() => renderedIds(page)).toEqual(['cohere.command-r-v1:0', 'cohere.command-r-plus-v1:0']);
    await search.pressSequentially('and plus');
    await expect.poll(() => renderedIds(page)).toEqual(['cohere.command-r-plus-v1:0']);
    await search.fill('DEEPSEEK');
    await expect.poll(() => renderedIds(page)).toEqual(['deepseek.r1-v1:0']);
    await search.fill('no-such-model');
    await expect(page.getByText('No model matches')).toBeVisible();
    await expect(page.getByTestId('models-count')).toHaveText(`0 of ${DISCOVERED.length}`);
  });

  test('each filter narrows as expected', async ({ page, app }) => {
    await openModels(page, app);
    const total = DISCOVERED.length;

    // Provider
    await page.getByLabel('Provider').selectOption('cohere');
    await expect.poll(() => renderedIds(page)).toEqual(['cohere.command-r-v1:0', 'cohere.command-r-plus-v1:0']);
    await page.getByLabel('Provider').selectOption('');

    // Invocation: inference profile only
    await page.getByLabel('Invocation').selectOption('inference-profile');
    await expect(page.getByTestId('models-count')).toHaveText(`${PROFILE_ONLY.length} of ${total}`);
    for (const text of await page.locator('[data-testid="model-row"] .col-invocation').allInnerTexts()) expect(text).toMatch(/^via profile (us|global)\./);
    await page.getByLabel('Search models').fill('deepseek');
    await expect.poll(() => renderedIds(page)).toEqual(['deepseek.r1-v1:0']);
    await page.getByLabel('Search models').fill('command');
    await expect(page.getByTestId('model-row')).toHaveCount(0);
    await page.getByLabel('Search models').fill('');
    await page.getByLabel('Invocation').selectOption('provisioned-only');
    await expect.poll(() => renderedIds(page)).toEqual(['anthropic.claude-3-haiku-20240307-v1:0:48k']);
    await page.getByLabel('Invocation').selectOption('on-demand');
    expect(await shownCount(page)).toBe(total - PROFILE_ONLY.length - 1);
    await page.getByLabel('Invocation').selectOption('');

    // Input modality
    await page.getByLabel('Input modality').selectOption('image');
    const withImages = await shownCount(page);
    expect(withImages).toBeGreaterThan(0);
    expect(withImages).toBeLessThan(total);
    for (const text of await page.locator('[data-testid="model-row"] .col-input').allInnerTexts()) expect(text).toContain('image');
    await page.getByLabel('Input modality').selectOption('');

    // Reasoning
    await page.getByLabel('Reasoning').check();
    const reasoning = await shownCount(page);
    expect(reasoning).toBeGreaterThan(0);
    expect(reasoning).toBeLessThan(total);
    for (const text of await page.locator('[data-testid="model-row"] .col-input').allInnerTexts()) expect(text).toContain('reasoning');
    await page.getByLabel('Reasoning').uncheck();

    // Streaming (discovery keeps streaming models only) and source (nothing configured here)
    await page.getByLabel('Streaming only').check();
    await expect(page.getByTestId('models-count')).toHaveText(`${total} of ${total}`);
    await page.getByLabel('Streaming only').uncheck();
    await page.getByLabel('Source').selectOption('configured');
    await expect(page.getByTestId('models-count')).toHaveText(`0 of ${total}`);
    await page.getByLabel('Source').selectOption('discovered');
    await expect(page.getByTestId('models-count')).toHaveText(`${total} of ${total}`);
    await page.getByLabel('Source').selectOption('');

    // Status: the provisioned-only variant cannot be used; everything else can
    await page.getByLabel('Status').selectOption('unusable');
    await expect.poll(() => renderedIds(page)).toEqual(['anthropic.claude-3-haiku-20240307-v1:0:48k']);
    await expect(row(page, 'anthropic.claude-3-haiku-20240307-v1:0:48k').getByTestId('model-status')).toHaveText('Provisioned only');
    await page.getByLabel('Status').selectOption('usable');
    await expect(page.getByTestId('models-count')).toHaveText(`${total - 1} of ${total}`);
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await expect(page.getByTestId('models-count')).toHaveText(`${total} of ${total}`);

    // Lifecycle: discovery drops legacy models; "Include filtered out" brings them back, with the reason
    await page.getByLabel('Lifecycle').selectOption('legacy');
    await expect(page.getByTestId('models-count')).toHaveText(`0 of ${total}`);
    await page.getByLabel('Include filtered out').check();
    await expect.poll(() => shownCount(page)).toBeGreaterThan(0);
    await page.getByLabel('Search models').fill('claude instant');
    await expect.poll(() => renderedIds(page)).toEqual(['anthropic.claude-instant-v1']);
    await expect(row(page, 'anthropic.claude-instant-v1')).toContainText('filtered out');
    await expect(row(page, 'anthropic.claude-instant-v1').getByTestId('model-status')).toHaveAttribute('data-status', 'legacy');
    // Streaming only removes what cannot stream (Jurassic-2 Ultra is legacy and non-streaming).
    await page.getByLabel('Search models').fill('jurassic');
    await expect.poll(() => renderedIds(page)).toEqual(['ai21.j2-ultra-v1']);
    await page.getByLabel('Streaming only').check();
    await expect(page.getByTestId('model-row')).toHaveCount(0);
  });

  test('the details panel shows limits with their source, modalities, cost, ARN and the profiles that reach a model', async ({ page, app, context }) => {
    await openModels(page, app);
    await page.getByLabel('Search models').fill('claude sonnet 4');
    await row(page, 'anthropic.claude-sonnet-4-20250514-v1:0').click();
    const details = page.getByTestId('model-details');
    await expect(details).toBeVisible();
    await expect(details).toHaveAttribute('data-model-id', 'anthropic.claude-sonnet-4-20250514-v1:0');
    await expect(details.getByTestId('details-context')).toHaveText('200,000 tokens');
    await expect(details.getByTestId('details-max-tokens')).toHaveText(/^[\d,]+ tokens$/);
    await expect(details.getByTestId('details-limits')).toContainText('documented by AWS');
    await expect(details.getByTestId('details-limits').getByRole('link').first()).toHaveAttribute('href', /^https:\/\/docs\.aws\.amazon\.com\//);
    await expect(details.getByTestId('model-cost')).toContainText('input');
    await expect(details.getByTestId('details-arn')).toHaveText('arn:aws:bedrock:us-west-2::foundation-model/anthropic.claude-sonnet-4-20250514-v1:0');
    // us. is this region's geography, so that is the profile used; global. reaches it too.
    const profiles = details.getByTestId('details-profiles');
    await expect(profiles.locator('li[data-used="true"]')).toHaveText(/^us\.anthropic\.claude-sonnet-4-20250514-v1:0/);
    await expect(profiles).toContainText('global.anthropic.claude-sonnet-4-20250514-v1:0');
    await expect(details.getByTestId('model-details-status')).toHaveAttribute('data-status', 'via-profile');
    await expect(row(page, 'anthropic.claude-sonnet-4-20250514-v1:0').getByTestId('model-status')).toHaveText('Via profile');

    // Copy id puts the model id on the clipboard.
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.origin });
    await details.getByRole('button', { name: 'Copy id' }).click();
    await expect(details.getByRole('button', { name: 'Copied' })).toBeVisible();
    expect(await page.evaluate(() => (globalThis as unknown as { navigator: { clipboard: { readText(): Promise<string> } } }).navigator.clipboard.readText())).toBe('anthropic.claude-sonnet-4-20250514-v1:0');

    // Chat with it opens Chat with that model selected.
    await details.getByRole('button', { name: 'Chat with it' }).click();
    await expect(page.getByLabel('Model')).toHaveValue('anthropic.claude-sonnet-4-20250514-v1:0');
  });

  test('a model without access says so, with the console hint, once a call to it failed', async ({ page, app, emulator }) => {
    await openModels(page, app);
    await page.getByLabel('Search models').fill('jamba large');
    const jamba = row(page, 'ai21.jamba-1-5-large-v1:0');
    await expect(jamba.getByTestId('model-status')).toHaveAttribute('data-status', 'ready');

    await page.getByRole('button', { name: 'Chat with Jamba 1.5 Large' }).click();
    await page.getByLabel('Message').fill('hello?');
    await page.getByLabel('Message').press('Enter');
    await expect(page.getByTestId('assistant-message').last()).toHaveAttribute('data-status', 'error', { timeout: 20_000 });
    expect(emulator.requests.some((r) => r.operation === 'ConverseStream' && r.modelId === 'ai21.jamba-1-5-large-v1:0')).toBe(true);

    await page.getByRole('button', { name: 'Models', exact: true }).click();
    await page.getByRole('button', { name: 'Refresh', exact: true }).click();
    await expect(jamba.getByTestId('model-status')).toHaveAttribute('data-status', 'no-access');
    await expect(jamba.getByTestId('model-status')).toHaveText('No access');
    await jamba.click();
    const status = page.getByTestId('model-details').getByTestId('model-details-status');
    await expect(status).toContainText("Why can't I use this model?");
    await expect(status).toContainText('AccessDeniedException');
    await expect(status.getByTestId('model-status-hint')).toContainText(/console/i);
    await expect(status.getByTestId('model-status-hint')).toContainText(/model access/i);
    // And it is counted among the models that cannot be used.
    await page.getByLabel('Search models').fill('');
    await page.getByLabel('Status').selectOption('unusable');
    await expect.poll(() => renderedIds(page)).toContain('ai21.jamba-1-5-large-v1:0');
  });

  test('cache age is shown; a failed refresh says why and keeps the last good list', async ({ page, app, emulator }) => {
    await openModels(page, app);
    await expect(page.getByTestId('cache-age')).toContainText('fetched just now');
    // A reload of the page is answered from the host's cache, not from AWS.
    const listed = emulator.requests.filter((r) => r.operation === 'ListFoundationModels').length;
    await page.reload();
    await page.getByRole('button', { name: 'Models', exact: true }).click();
    await expect(page.getByTestId('cache-age')).toContainText('from cache');
    expect(emulator.requests.filter((r) => r.operation === 'ListFoundationModels').length).toBe(listed);

    emulator.setScript({ faults: [{ kind: 'http-error', operation: 'ListFoundationModels', status: 400, code: 'ValidationException', message: 'The region is having a bad day.' }] });
    await page.getByRole('button', { name: 'Refresh', exact: true }).click();
    await expect(page.getByTestId('discovery-error')).toBeVisible({ timeout: 20_000 });
    await expect(page.getByTestId('discovery-error')).toContainText('last good list');
    await expect(page.getByTestId('models-count')).toHaveText(`${DISCOVERED.length} of ${DISCOVERED.length}`);
    await expect(row(page, 'cohere.command-r-v1:0')).toBeVisible();
  });
});

const CONFIG_FILE = 'moltbot/moltbot.json5';
const CONFIG_TEXT = `// Moltbot config, written by hand. Bedrock Desk must keep these comments.
{
  // The gateway's own settings (not managed by Bedrock Desk).
  gateway: { port: 18789, bind: "loopback" },
  agents: {
    defaults: {
      model: {
        // the model new chats use
        primary: "amazon-bedrock/cohere.command-r-v1:0",
      },
      workspace: "~/clawd", // trailing comment
    },
  },
  models: {
    providers: {
      "amazon-bedrock": {
        api: "bedrock-converse-stream",
        auth: "aws-sdk",
        models: [
          // configured values win over discovered ones
          { id: "cohere.command-r-v1:0", name: "Command R (configured)", contextWindow: 100000, maxTokens: 2000 },
        ],
      },
    },
  },
}
`;

test.describe('with a hand-written JSON5 config', () => {
  test.use({ appOptions: { env: {}, args: ['--config', `~/${CONFIG_FILE}`], homeFiles: { [CONFIG_FILE]: CONFIG_TEXT } } });

  test('configured values override discovered ones and are marked configured', async ({ page, app }) => {
    await openModels(page, app);
    await page.getByLabel('Source').selectOption('configured');
    await expect.poll(() => renderedIds(page)).toEqual(['cohere.command-r-v1:0']);
    const configured = row(page, 'cohere.command-r-v1:0');
    await expect(configured).toContainText('Command R (configured)');
    await expect(configured.getByTestId('primary-badge')).toBeVisible();
    await configured.click();
    const details = page.getByTestId('model-details');
    await expect(details.getByTestId('details-context')).toHaveText('100,000 tokens');
    await expect(details.getByTestId('details-max-tokens')).toHaveText('2,000 tokens');
    await expect(details.getByTestId('details-limits')).toContainText('configured');
    // Discovery still tells what it knows underneath: the ARN.
    await expect(details.getByTestId('details-arn')).toContainText('foundation-model/cohere.command-r-v1:0');
  });

  test('Make primary rewrites one line of the file, keeps its comments, and moves the Primary badge', async ({ page, app }) => {
    const path = join(app.home, CONFIG_FILE);
    const before = (await readFile(path, 'utf8')).split('\n');
    await openModels(page, app);
    await page.getByLabel('Search models').fill('command');
    await expect(row(page, 'cohere.command-r-v1:0').getByTestId('primary-badge')).toBeVisible();

    await page.getByLabel('Search models').fill('mistral large');
    await row(page, 'mistral.mistral-large-2402-v1:0').click();
    const details = page.getByTestId('model-details');
    await details.getByRole('button', { name: 'Make primary' }).click();
    await expect(details.getByTestId('primary-result')).toContainText(path);
    await expect(row(page, 'mistral.mistral-large-2402-v1:0').getByTestId('primary-badge')).toBeVisible();
    await expect(details.getByTestId('primary-badge')).toBeVisible();
    await expect(details.getByRole('button', { name: 'Make primary' })).toBeDisabled();

    const after = (await readFile(path, 'utf8')).split('\n');
    expect(after).toHaveLength(before.length);
    const changed = before.map((line, i) => (line === after[i] ? -1 : i)).filter((i) => i >= 0);
    expect(changed).toHaveLength(1);
    const at = changed[0]!;
    expect(before[at]).toContain('"amazon-bedrock/cohere.command-r-v1:0"');
    expect(after[at]).toBe(before[at]!.replace('cohere.command-r-v1:0', 'mistral.mistral-large-2402-v1:0'));
    for (const comment of before.filter((line) => line.includes('//'))) expect(after).toContain(comment);

    // The badge left the old primary.
    await page.getByLabel('Search models').fill('command');
    await expect(row(page, 'cohere.command-r-v1:0')).toBeVisible();
    await expect(row(page, 'cohere.command-r-v1:0').getByTestId('primary-badge')).toHaveCount(0);
  });
});

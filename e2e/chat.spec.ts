// Chat against the per-test emulator: streaming, stop, retries, failures, attachments, reasoning,
// control (retry, edit, continue), conversations kept across a restart, export.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { EMULATOR_CREDENTIALS } from '../electron/emulator/index.ts';
import { webHostEnv } from '../electron/emulator/test-env.ts';
import { expect, launchWebHost, test } from './fixtures.ts';
import { ask, openChat } from './chat-actions.ts';

const COHERE = 'cohere.command-r-v1:0';
const NOVA_LITE = 'amazon.nova-lite-v1:0';
const CLAUDE_37 = 'anthropic.claude-3-7-sonnet-20250219-v1:0';

/** Every ConverseStream request the emulator received, oldest first. */
const streams = (emulator: { requests: { operation: string }[] }) => emulator.requests.filter((r) => r.operation === 'ConverseStream') as Array<{ operation: string; body: unknown; outcome?: string; attachments?: { kind: string; bytes: number; sha256: string }[] }>;

/** The message turns of a recorded Converse request. */
const turns = (body: unknown) => (body as { messages: { role: string; content: Record<string, unknown>[] }[] }).messages;

test('the reply grows visibly, then shows highlighted code, figures and cost', async ({ page, app, emulator }) => {
  emulator.setScript({ tokens: 90, tokenDelayMs: 50 });
  await openChat(page, app, COHERE);
  const answer = await ask(page, 'Show me some TypeScript');
  const seen: { length: number; status: string | null }[] = [];
  await expect
    .poll(
      async () => {
        const status = await answer.getAttribute('data-status');
        seen.push({ length: (await answer.innerText()).length, status });
        return status;
      },
      { intervals: [40], timeout: 20_000 },
    )
    .toBe('done');
  const whileStreaming = new Set(seen.filter((s) => s.status === 'streaming' && s.length > 0).map((s) => s.length));
  expect(whileStreaming.size).toBeGreaterThanOrEqual(5);
  // Lengths only grow while streaming.
  const lengths = seen.filter((s) => s.status === 'streaming').map((s) => s.length);
  expect(lengths).toEqual([...lengths].sort((a, b) => a - b));
  // The code block is finished: highlighted, with its copy button.
  const code = answer.locator('.code-block');
  await expect(code.first()).toBeVisible();
  await expect(code.first().locator('.tok-kw').first()).toBeVisible();
  await expect(code.first().getByRole('button', { name: 'Copy' })).toBeVisible();
  const figures = answer.getByTestId('message-metrics');
  await expect(figures).toContainText(/\d+ in · \d+ out/);
  await expect(figures).toContainText('TTFT');
  await expect(figures).toContainText(/tok\/s/);
  await expect(figures).toContainText(/cost (<?\$|unknown)/);
  await expect(figures).not.toContainText(/cost \$0(\.0+)?( |$)/);
  await expect(page.getByTestId('conversation-totals')).toContainText('1 answer');
});

test('Stop keeps the partial answer, marked stopped', async ({ page, app, emulator }) => {
  emulator.setScript({ tokens: 400, tokenDelayMs: 40 });
  await openChat(page, app, COHERE);
  const answer = await ask(page, 'Tell me a long story');
  await expect.poll(async () => (await answer.innerText()).length, { timeout: 10_000 }).toBeGreaterThan(80);
  await page.getByRole('button', { name: 'Stop' }).click();
  await expect(answer).toHaveAttribute('data-status', 'stopped');
  await expect(answer.getByTestId('message-stopped')).toBeVisible();
  const partial = await answer.locator('.markdown').innerText();
  expect(partial.length).toBeGreaterThan(40);
  await page.waitForTimeout(400);
  expect(await answer.locator('.markdown').innerText()).toBe(partial);
  await expect.poll(() => streams(emulator)[0]?.outcome).toBe('client-closed');
});

test('throttling shows the countdown, then the answer arrives', async ({ page, app, emulator }) => {
  emulator.setScript({ tokens: 20, tokenDelayMs: 20, faults: [{ kind: 'throttle', times: 1, operation: 'ConverseStream' }] });
  await openChat(page, app, COHERE);
  const answer = await ask(page, 'Hello despite throttling');
  const countdown = answer.getByTestId('retry-countdown');
  await expect(countdown).toBeVisible();
  await expect(countdown).toContainText(/Throttled — retrying (in \d+ s…|now…) \(attempt \d of \d\)/);
  await expect(answer).toHaveAttribute('data-status', 'done', { timeout: 20_000 });
  await expect(countdown).toHaveCount(0);
  expect(streams(emulator).length).toBe(2);
});

test('a mid-stream exception keeps the partial text and shows the cause', async ({ page, app, emulator }) => {
  emulator.setScript({ tokens: 60, tokenDelayMs: 20, faults: [{ kind: 'stream-exception', afterTokens: 15, message: 'The model stream failed midway.' }] });
  await openChat(page, app, COHERE);
  const answer = await ask(page, 'Break halfway');
  await expect(answer).toHaveAttribute('data-status', 'error', { timeout: 20_000 });
  const error = answer.getByTestId('message-error');
  await expect(error).toBeVisible();
  await expect(error).toHaveAttribute('data-error-code', 'ModelStreamErrorException');
  await expect(error.getByTestId('error-hint')).not.toBeEmpty();
  await expect(error).toContainText('what arrived');
  expect((await answer.locator('.markdown').innerText()).length).toBeGreaterThan(20);
  // Retry asks the same question again and replaces the failed answer.
  emulator.setScript({ tokens: 10 });
  await answer.getByRole('button', { name: 'Retry' }).click();
  await expect(page.getByTestId('assistant-message')).toHaveCount(1);
  await expect(page.getByTestId('assistant-message').last()).toHaveAttribute('data-status', 'done', { timeout: 20_000 });
  expect(JSON.stringify(turns(streams(emulator)[1]?.body))).toContain('Break halfway');
});

test('a dropped connection keeps the partial text and says what to do', async ({ page, app, emulator }) => {
  emulator.setScript({ tokens: 60, tokenDelayMs: 20, faults: [{ kind: 'drop-connection', afterTokens: 12 }] });
  await openChat(page, app, COHERE);
  const answer = await ask(page, 'Drop me');
  await expect(answer).toHaveAttribute('data-status', 'error', { timeout: 20_000 });
  await expect(answer.getByTestId('message-error')).toBeVisible();
  await expect(answer.getByTestId('error-hint')).not.toBeEmpty();
  expect((await answer.locator('.markdown').innerText()).length).toBeGreaterThan(10);
});

test('an attached image reaches the emulator as the same bytes, with a thumbnail in the thread', async ({ page, app, emulator }) => {
  const png = await readFile(join(import.meta.dirname, '..', 'renderer', 'public', 'icon.png')).catch(() => tinyPng());
  await openChat(page, app, NOVA_LITE);
  await page.getByLabel('Attach files').setInputFiles({ name: 'pixel.png', mimeType: 'image/png', buffer: png });
  await expect(page.getByTestId('composer').getByTestId('attachment')).toHaveCount(1);
  const answer = await ask(page, 'What is in this picture?');
  await expect(answer).toHaveAttribute('data-status', 'done', { timeout: 20_000 });
  await expect(page.getByTestId('user-message').locator('img')).toHaveAttribute('src', /^data:image\/png;base64,/);
  const sent = streams(emulator)[0]?.attachments ?? [];
  expect(sent).toHaveLength(1);
  expect(sent[0]).toMatchObject({ kind: 'image', bytes: png.length, sha256: createHash('sha256').update(png).digest('hex') });
});

test('a text-only model refuses an image with a clear message', async ({ page, app }) => {
  await openChat(page, app, COHERE);
  await page.getByLabel('Attach files').setInputFiles({ name: 'pixel.png', mimeType: 'image/png', buffer: tinyPng() });
  await expect(page.getByTestId('attachment-problems')).toContainText('does not take images');
  await expect(page.getByTestId('composer').getByTestId('attachment')).toHaveCount(0);
});

test('reasoning streams apart and is collapsible; the budget is offered only to reasoning models', async ({ page, app, emulator }) => {
  emulator.setScript({ tokens: 40, tokenDelayMs: 40, reasoning: 'Let me think about this step by step. '.repeat(12) });
  await openChat(page, app, COHERE);
  await expect(page.getByLabel('Thinking budget')).toHaveCount(0);
  await page.getByLabel('Model').selectOption(CLAUDE_37);
  await page.getByLabel('Max tokens').fill('4096');
  await page.getByLabel('Thinking budget').fill('2048');
  const answer = await ask(page, 'Think first, then answer');
  const thinking = answer.getByTestId('thinking');
  await expect(thinking).toBeVisible();
  await expect(thinking.getByTestId('thinking-text')).toBeVisible();
  await expect(answer).toHaveAttribute('data-status', 'done', { timeout: 20_000 });
  // Collapsed once the answer is there; a click opens it again.
  await expect(thinking.getByTestId('thinking-text')).toBeHidden();
  await thinking.locator('summary').click();
  await expect(thinking.getByTestId('thinking-text')).toContainText('step by step');
  await thinking.locator('summary').click();
  await expect(thinking.getByTestId('thinking-text')).toBeHidden();
  // The answer itself does not contain the reasoning.
  await expect(answer.locator('.markdown')).not.toContainText('step by step');
  expect(JSON.stringify(streams(emulator)[0]?.body)).toContain('2048');
});

test('edit-and-resend drops what followed; continue carries on after a max-tokens stop', async ({ page, app, emulator }) => {
  emulator.setScript({ tokens: 12, tokenDelayMs: 10 });
  await openChat(page, app, CLAUDE_37);
  await expect(await ask(page, 'First question')).toHaveAttribute('data-status', 'done', { timeout: 20_000 });
  await expect(await ask(page, 'Second question')).toHaveAttribute('data-status', 'done', { timeout: 20_000 });
  await page.getByTestId('user-message').first().getByRole('button', { name: 'Edit question' }).click();
  await page.getByLabel('Edited question').fill('First question, edited');
  await page.getByRole('button', { name: 'Apply edit' }).click();
  await expect(page.getByTestId('user-message')).toHaveCount(1);
  await expect(page.getByTestId('user-message')).toContainText('First question, edited');
  await expect(page.getByTestId('assistant-message').last()).toHaveAttribute('data-status', 'done', { timeout: 20_000 });
  const edited = turns(streams(emulator)[2]?.body);
  expect(edited).toHaveLength(1);
  expect(JSON.stringify(edited)).toContain('First question, edited');

  emulator.setScript({ tokens: 12, tokenDelayMs: 10, stopReason: 'max_tokens' });
  const cut = await ask(page, 'A long one please');
  await expect(cut).toHaveAttribute('data-stop-reason', 'max_tokens', { timeout: 20_000 });
  await expect(cut.getByTestId('message-metrics')).toContainText('cut at max tokens');
  emulator.setScript({ tokens: 8, tokenDelayMs: 10 });
  await cut.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByTestId('assistant-message')).toHaveCount(3);
  await expect(page.getByTestId('assistant-message').last()).toHaveAttribute('data-status', 'done', { timeout: 20_000 });
  const continued = turns(streams(emulator).at(-1)?.body);
  expect(continued.at(-1)?.role).toBe('assistant');
});

test('conversations are kept across a restart, listed, searched and exported without secrets', async ({ page, app, emulator }) => {
  emulator.setScript({ tokens: 16, tokenDelayMs: 10 });
  await openChat(page, app, COHERE);
  await expect(await ask(page, 'Remember the lighthouse keeper')).toHaveAttribute('data-status', 'done', { timeout: 20_000 });
  const item = page.getByTestId('conversation-item');
  await expect(item).toHaveCount(1);
  await expect(item).toContainText('Remember the lighthouse keeper');
  await page.getByLabel('Conversation title').fill('Lighthouse');
  await page.getByLabel('Conversation title').press('Enter');
  await expect(item).toContainText('Lighthouse');

  // Export Markdown: the turns are there, no secret is.
  const [markdown] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export Markdown' }).click()]);
  expect(markdown.suggestedFilename()).toMatch(/\.md$/);
  const text = await readFile((await markdown.path())!, 'utf8');
  expect(text).toContain('Remember the lighthouse keeper');
  expect(text).toContain('You asked');
  expect(text).not.toContain(EMULATOR_CREDENTIALS.secretAccessKey);
  expect(text).not.toContain(EMULATOR_CREDENTIALS.accessKeyId);
  const [json] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export JSON' }).click()]);
  const exported = JSON.parse(await readFile((await json.path())!, 'utf8')) as { title?: string };
  expect(JSON.stringify(exported)).toContain('Remember the lighthouse keeper');
  expect(JSON.stringify(exported)).not.toContain(EMULATOR_CREDENTIALS.secretAccessKey);

  // A second conversation, then search.
  await page.getByRole('button', { name: 'New chat' }).click();
  await expect(await ask(page, 'Something about tides')).toHaveAttribute('data-status', 'done', { timeout: 20_000 });
  await expect(item).toHaveCount(2);
  await page.getByLabel('Search conversations').fill('lighthouse');
  await expect(item).toHaveCount(1);
  await page.getByLabel('Search conversations').fill('');
  await expect(item).toHaveCount(2);

  // Another host on the same HOME and data dir: both are still there and open.
  const second = await launchWebHost(webHostEnv(emulator.url, app.home), []);
  try {
    const fresh = await page.context().newPage();
    await fresh.goto(second.ready.url);
    await fresh.getByRole('button', { name: 'Chat', exact: true }).click();
    const items = fresh.getByTestId('conversation-item');
    await expect(items).toHaveCount(2);
    await items.filter({ hasText: 'Lighthouse' }).getByRole('button').first().click();
    await expect(fresh.getByTestId('user-message')).toContainText('Remember the lighthouse keeper');
    await expect(fresh.getByTestId('assistant-message')).toHaveAttribute('data-status', 'done');
    await expect(fresh.getByLabel('Conversation title')).toHaveValue('Lighthouse');
    // Delete asks twice.
    await items.filter({ hasText: 'tides' }).hover();
    await items.filter({ hasText: 'tides' }).getByRole('button', { name: /^Delete/ }).click();
    await fresh.getByRole('button', { name: 'Confirm delete' }).click();
    await expect(items).toHaveCount(1);
  } finally {
    second.child.kill('SIGTERM');
    await new Promise((resolve) => second.child.once('exit', resolve));
  }
});

/** A valid 1×1 PNG. */
function tinyPng(): Buffer {
  return Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
}

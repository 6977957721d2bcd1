// Faults as the user sees them, against the per-test emulator and a real web host: each keeps the
// partial answer, shows a specific error (by code) with a hint, leaves no countdown running, and
// never hangs; very slow tokens keep streaming; a thousand stored conversations all list.
import { expect, test } from './fixtures.ts';
import { ask, openChat } from './chat-actions.ts';

// Each test has its own emulator and web host: they can run side by side.
test.describe.configure({ mode: 'parallel' });

const COHERE = 'cohere.command-r-v1:0';
const WORDS = 'alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima';
const first = (n: number) => WORDS.split(' ').slice(0, n).join(' ');

const streams = (emulator: { requests: { operation: string }[] }) => emulator.requests.filter((r) => r.operation === 'ConverseStream') as Array<{ outcome?: string; status?: number }>;

test('throttling until retries run out: the countdown ends and the throttling error is shown', async ({ page, app, emulator }) => {
  test.setTimeout(45_000);
  emulator.setScript({ text: WORDS, tokens: 12, faults: [{ kind: 'throttle', times: 99, operation: 'ConverseStream' }] });
  await openChat(page, app, COHERE);
  const answer = await ask(page, 'Throttle me forever');
  const countdown = answer.getByTestId('retry-countdown');
  await expect(countdown).toBeVisible();
  await expect(countdown).toHaveAttribute('data-error-code', 'ThrottlingException');
  // Default policy: 4 attempts, 1 s / 2 s / 4 s (± 20%) apart.
  await expect(answer).toHaveAttribute('data-status', 'error', { timeout: 20_000 });
  await expect(countdown).toHaveCount(0);
  const error = answer.getByTestId('message-error');
  await expect(error).toHaveAttribute('data-error-code', 'ThrottlingException');
  await expect(error.getByTestId('error-hint')).not.toBeEmpty();
  expect(streams(emulator).map((s) => s.status)).toEqual([429, 429, 429, 429]);
  // Nothing further is attempted after the error.
  await page.waitForTimeout(1_500);
  expect(streams(emulator)).toHaveLength(4);
  await expect(countdown).toHaveCount(0);
});

for (const [type, code] of [
  ['internalServerException', 'InternalServerException'],
  ['serviceUnavailableException', 'ServiceUnavailableException'],
] as const) {
  test(`${code} after 5 tokens: exactly those 5 words kept, the ${code} error shown`, async ({ page, app, emulator }) => {
    emulator.setScript({ text: WORDS, tokens: 12, tokenDelayMs: 20, faults: [{ kind: 'stream-exception', afterTokens: 5, exceptionType: type, message: 'Server trouble.' }] });
    await openChat(page, app, COHERE);
    const answer = await ask(page, 'Fail after five');
    await expect(answer).toHaveAttribute('data-status', 'error', { timeout: 20_000 });
    await expect(answer.getByTestId('message-error')).toHaveAttribute('data-error-code', code);
    await expect(answer.getByTestId('error-hint')).not.toBeEmpty();
    await expect(answer.locator('.markdown')).toHaveText(first(5));
  });
}

test('a 500 before any token, retried until exhausted: the InternalServerException error, no text', async ({ page, app, emulator }) => {
  test.setTimeout(45_000);
  emulator.setScript({ text: WORDS, tokens: 12, faults: [{ kind: 'http-error', status: 500, code: 'InternalServerException', message: 'Internal failure', times: 99, operation: 'ConverseStream' }] });
  await openChat(page, app, COHERE);
  const answer = await ask(page, 'Five hundred');
  await expect(answer.getByTestId('retry-countdown')).toBeVisible();
  await expect(answer).toHaveAttribute('data-status', 'error', { timeout: 20_000 });
  await expect(answer.getByTestId('retry-countdown')).toHaveCount(0);
  await expect(answer.getByTestId('message-error')).toHaveAttribute('data-error-code', 'InternalServerException');
  expect(streams(emulator)).toHaveLength(4);
});

test('very slow tokens (2 s apart): the answer keeps growing, no timeout, then completes', async ({ page, app, emulator }) => {
  test.setTimeout(40_000);
  emulator.setScript({ text: 'slow but steady wins', tokens: 4, tokenDelayMs: 2_000, firstTokenDelayMs: 300 });
  await openChat(page, app, COHERE);
  const answer = await ask(page, 'Take your time');
  await expect(answer.locator('.markdown')).toHaveText('slow', { timeout: 5_000 });
  await expect(answer).toHaveAttribute('data-status', 'streaming');
  await expect(answer.locator('.markdown')).toHaveText('slow but', { timeout: 5_000 });
  await expect(answer).toHaveAttribute('data-status', 'streaming');
  await expect(answer).toHaveAttribute('data-status', 'done', { timeout: 10_000 });
  await expect(answer.locator('.markdown')).toHaveText('slow but steady wins');
  await expect(answer.getByTestId('message-error')).toHaveCount(0);
});

test('Stop during slow tokens keeps what arrived, marked stopped', async ({ page, app, emulator }) => {
  emulator.setScript({ text: WORDS, tokens: 12, tokenDelayMs: 700, firstTokenDelayMs: 0 });
  await openChat(page, app, COHERE);
  const answer = await ask(page, 'Slowly');
  await expect(answer.locator('.markdown')).toHaveText(first(2), { timeout: 5_000 });
  await page.getByRole('button', { name: 'Stop' }).click();
  await expect(answer).toHaveAttribute('data-status', 'stopped');
  const kept = await answer.locator('.markdown').innerText();
  expect(WORDS.startsWith(kept) && kept.length >= first(2).length).toBe(true);
  await page.waitForTimeout(1_000);
  await expect(answer.locator('.markdown')).toHaveText(kept);
  await expect.poll(() => streams(emulator)[0]?.outcome).toBe('client-closed');
});

for (const [fault, code, kept] of [
  [{ kind: 'corrupt-frame', afterTokens: 4 }, 'StreamCorrupted', 4],
  [{ kind: 'corrupt-frame', afterTokens: 3, corruption: 'garbage' }, 'StreamCorrupted', 3],
  [{ kind: 'truncated-frame', afterTokens: 6 }, 'StreamTruncated', 6],
] as const) {
  test(`a damaged event-stream frame (${fault.kind}${'corruption' in fault ? `, ${fault.corruption}` : ''}): ${code}, the ${kept} words before it kept, no hang`, async ({ page, app, emulator }) => {
    emulator.setScript({ text: WORDS, tokens: 12, tokenDelayMs: 20, faults: [fault] });
    await openChat(page, app, COHERE);
    const answer = await ask(page, 'Damage the wire');
    await expect(answer).toHaveAttribute('data-status', 'error', { timeout: 15_000 });
    const error = answer.getByTestId('message-error');
    await expect(error).toHaveAttribute('data-error-code', code);
    await expect(error.getByTestId('error-hint')).toContainText('What arrived is kept');
    await expect(answer.locator('.markdown')).toHaveText(first(kept));
  });
}

const STORED = 1_000;
const storedFiles: Record<string, string> = {};
for (let i = 0; i < STORED; i++) {
  const id = `stored-${String(i).padStart(4, '0')}`;
  const at = new Date(Date.UTC(2025, 0, 1, 0, 0, i)).toISOString();
  storedFiles[`data/conversations/${id}.json`] = JSON.stringify({ id, title: `Stored ${i}`, createdAt: at, updatedAt: at, settings: { modelId: COHERE }, messages: [{ id: `${id}-u`, role: 'user', text: `question ${i}`, createdAt: at }, { id: `${id}-a`, role: 'assistant', text: `answer ${i} end-${i}`, modelId: COHERE, status: 'done', createdAt: at }] });
}
storedFiles['data/conversations/broken.json'] = '{"id": "broken", "messages": [';

test.describe('a thousand stored conversations (and one corrupt file)', () => {
  test.use({ appOptions: { env: {}, args: [], homeFiles: storedFiles } });

  test('the list opens with all of them, newest first; one opens; the corrupt one is reported', async ({ page, app }) => {
    await page.goto(app.url);
    const t0 = Date.now();
    await page.getByRole('button', { name: 'Chat', exact: true }).click();
    const items = page.getByTestId('conversation-item');
    await expect(items).toHaveCount(STORED, { timeout: 20_000 });
    expect(Date.now() - t0).toBeLessThan(20_000);
    const ids = await items.evaluateAll((els) => els.map((el) => el.getAttribute('data-conversation-id')));
    expect(ids[0]).toBe('stored-0999');
    expect(ids.at(-1)).toBe('stored-0000');
    expect(new Set(ids).size).toBe(STORED);
    await page.locator('[data-testid="conversation-item"][data-conversation-id="stored-0500"] .conversation-open').click();
    await expect(page.getByTestId('assistant-message').last()).toContainText('end-500');
    await expect(page.getByText(/broken\.json/).first()).toBeVisible();
  });
});

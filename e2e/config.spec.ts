// The Config screen against a real, hand-written Moltbot config (comments, other providers,
// channels, agents): the form and the raw JSON5 edit one buffer; saves change only what was
// edited; errors point at line, column and field; a change on disk is never clobbered silently;
// other providers' secrets in it are masked in the page and kept on disk.
import type { Page } from '@playwright/test';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from './fixtures.ts';
import { Recorder } from './recorder.ts';

const CONFIG_FILE = 'work/moltbot.json5';

const ORIGINAL = `// Moltbot config — written by hand; Bedrock Desk must keep every comment.
{
  /* The gateway is none of Bedrock Desk's business. */
  gateway: { mode: 'local', port: 18789 },
  channels: {
    telegram: { enabled: true, botToken: 'tg-not-ours' }, // a channel
  },
  agents: {
    defaults: {
      workspace: '~/clawd',
      model: {
        primary: 'amazon-bedrock/anthropic.claude-3-haiku-20240307-v1:0',
      },
    },
    list: [{ id: 'main' }],
  },
  models: {
    bedrockDiscovery: {
      enabled: true,
      region: 'us-west-2',
      providerFilter: ['anthropic', 'amazon'],
      refreshInterval: 3600, // seconds
    },
    providers: {
      openai: { baseUrl: 'https://api.openai.com/v1', apiKey: 'sk-not-ours' },
      'amazon-bedrock': {
        baseUrl: 'https://bedrock-runtime.us-west-2.amazonaws.com',
        api: 'bedrock-converse-stream',
        auth: 'aws-sdk',
        models: [
          {
            id: 'anthropic.claude-3-haiku-20240307-v1:0',
            name: 'Claude 3 Haiku',
            reasoning: false,
            input: ['text', 'image'],
            cost: { input: 0.25, output: 1.25, cacheRead: 0.03, cacheWrite: 0.3 },
            contextWindow: 200000,
            maxTokens: 4096,
          },
        ],
      },
    },
  },
}
`;

const ORIGINAL_LINES = ORIGINAL.split('\n');

/** A secret's mask in the editor; its tag changes with each app run, so lines compare with it as `<hidden>`. */
const MASK = /••••••••[0-9a-f]{6} \(hidden\)/g;
/** Lines as the editor shows them (with `editorLines`' normalisation): the fixture's two secrets hidden. */
const shown = (lines: string[]) => lines.map((line) => line.replace(/'(tg|sk)-not-ours'/, "'<hidden>'"));

/** 1-based number of the only line containing `needle`. */
function lineOf(needle: string): number {
  const matches = ORIGINAL_LINES.flatMap((line, index) => (line.includes(needle) ? [index + 1] : []));
  if (matches.length !== 1) throw new Error(`"${needle}" is on ${matches.length} lines of the fixture`);
  return matches[0]!;
}

/** The original lines with some replaced (1-based line → new text). */
function withLines(replacements: Record<number, string>): string[] {
  return ORIGINAL_LINES.map((line, index) => replacements[index + 1] ?? line);
}

/** What the editor shows, one entry per document line (an empty file is one empty line). */
async function editorLines(page: Page): Promise<string[]> {
  return (await page.getByTestId('config-raw').locator('.cm-line').allTextContents()).map((line) => line.replace(MASK, '<hidden>'));
}

async function openConfig(page: Page, url: string) {
  await page.goto(url);
  await page.getByRole('button', { name: 'Config', exact: true }).click();
  await expect(page.getByTestId('config-form')).toBeVisible();
  await expect(page.getByTestId('config-raw').locator('.cm-content')).toBeVisible();
  await expect.poll(() => editorLines(page)).toEqual(shown(ORIGINAL_LINES));
}

/** Puts the cursor on the word `word` of the editor line containing `lineText` (double-click selects a word). */
async function selectWordInEditor(page: Page, lineText: string, word: string) {
  const line = page.getByTestId('config-raw').locator('.cm-line', { hasText: lineText });
  await expect(line).toHaveCount(1);
  // Runs in the page; typed loosely because the Node-side tsconfig has no DOM library.
  const box = await line.evaluate((el, w) => {
    interface Rect { x: number; y: number; width: number; height: number }
    interface Doc {
      createTreeWalker(root: unknown, show: number): { nextNode(): { textContent: string } | null };
      createRange(): { setStart(n: unknown, o: number): void; setEnd(n: unknown, o: number): void; getBoundingClientRect(): Rect };
    }
    const doc = (el as unknown as { ownerDocument: Doc }).ownerDocument;
    const walker = doc.createTreeWalker(el, 4 /* NodeFilter.SHOW_TEXT */);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.textContent.indexOf(w);
      if (at < 0) continue;
      const range = doc.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + w.length);
      const rect = range.getBoundingClientRect();
      return { x: rect.x + rect.width / 2, y: rect.y + rect.height / 2 };
    }
    return null;
  }, word);
  if (!box) throw new Error(`"${word}" not found on the line "${lineText}"`);
  await page.mouse.dblclick(box.x, box.y);
}

test.use({
  appOptions: {
    env: {},
    args: ['--config', `~/${CONFIG_FILE}`],
    homeFiles: { [CONFIG_FILE]: ORIGINAL },
  },
});

test('shows which file is open and how it was found', async ({ page, app }) => {
  const cspViolations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
  });
  await openConfig(page, app.url);
  // CodeMirror is styled under `style-src 'self'` (constructable stylesheets in its shadow root), with no violation.
  await expect(page.getByTestId('config-raw').locator('.cm-gutters')).toHaveCSS('display', 'flex');
  await expect(page.getByTestId('config-raw').locator('.cm-editor')).toHaveCSS('height', /^[1-9]\d{2,}/);
  expect(cspViolations).toEqual([]);
  await expect(page.getByTestId('config-path')).toHaveText(join(app.home, CONFIG_FILE));
  await expect(page.getByTestId('config-origin')).toHaveText('--config');
  // The form reads the managed parts.
  await expect(page.getByLabel('region', { exact: true })).toHaveValue('us-west-2');
  await expect(page.getByLabel('providerFilter', { exact: true })).toHaveValue('anthropic, amazon');
  await expect(page.getByLabel('primary', { exact: true })).toHaveValue('amazon-bedrock/anthropic.claude-3-haiku-20240307-v1:0');
  await expect(page.getByTestId('models-table').getByLabel('id', { exact: true })).toHaveValue('anthropic.claude-3-haiku-20240307-v1:0');
  await expect(page.getByRole('button', { name: 'Save' })).toBeDisabled();
});

test('a form edit changes only its line in the editor, and Save writes exactly those lines', async ({ page, app }) => {
  await openConfig(page, app.url);
  const refreshLine = lineOf('refreshInterval: 3600');
  const maxTokensLine = lineOf('maxTokens: 4096');
  const expected = withLines({
    [refreshLine]: '      refreshInterval: 600, // seconds',
    [maxTokensLine]: '            maxTokens: 8192,',
  });

  await page.getByLabel('refreshInterval', { exact: true }).fill('600');
  await page.getByTestId('models-table').getByLabel('maxTokens', { exact: true }).fill('8192');
  await expect.poll(() => editorLines(page)).toEqual(shown(expected));
  await expect(page.getByTestId('config-dirty')).toBeVisible();

  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByTestId('config-notice')).toContainText('Saved');
  await expect(page.getByTestId('config-dirty')).toHaveCount(0);
  const onDisk = await readFile(join(app.home, CONFIG_FILE), 'utf8');
  expect(onDisk.split('\n')).toEqual(expected);
  expect(onDisk).toContain('// Moltbot config — written by hand; Bedrock Desk must keep every comment.');
  expect(onDisk).toContain("/* The gateway is none of Bedrock Desk's business. */");
  // The backup of the previous version is named, and holds it.
  const notice = await page.getByTestId('config-notice').innerText();
  const backup = /kept at (\S+)/.exec(notice)?.[1];
  expect(backup, notice).toBeTruthy();
  expect(await readFile(backup!, 'utf8')).toBe(ORIGINAL);
});

test('a raw edit updates the form', async ({ page, app }) => {
  await openConfig(page, app.url);
  await selectWordInEditor(page, "region: 'us-west-2'", 'west');
  await page.keyboard.type('east');
  await expect(page.getByLabel('region', { exact: true })).toHaveValue('us-east-2');
  await expect(page.getByTestId('effective-region')).toContainText('us-east-2');

  await selectWordInEditor(page, 'refreshInterval: 3600', '3600');
  await page.keyboard.type('900');
  await expect(page.getByLabel('refreshInterval', { exact: true })).toHaveValue('900');
  expect(await editorLines(page)).toEqual(
    shown(withLines({ [lineOf("region: 'us-west-2'")]: "      region: 'us-east-2',", [lineOf('refreshInterval: 3600')]: '      refreshInterval: 900, // seconds' })),
  );
  // Revert brings the file's text back into both.
  await page.getByRole('button', { name: 'Revert' }).click();
  await expect.poll(() => editorLines(page)).toEqual(shown(ORIGINAL_LINES));
  await expect(page.getByLabel('region', { exact: true })).toHaveValue('us-west-2');
});

test('invalid raw text: errors at line and column in the editor and on the field, Save blocked with the reason', async ({ page, app }) => {
  await openConfig(page, app.url);
  const refreshLine = lineOf('refreshInterval: 3600');

  // A value Moltbot would reject.
  await selectWordInEditor(page, 'refreshInterval: 3600', '3600');
  await page.keyboard.type('-5');
  const field = page.getByLabel('refreshInterval', { exact: true });
  await expect(field).toHaveValue('-5');
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  const fieldError = page.getByTestId('config-form').getByTestId('field-error');
  await expect(fieldError).toContainText(`line ${refreshLine}`);
  const raw = page.getByTestId('config-raw');
  await expect(raw.locator('.cm-line', { hasText: 'refreshInterval' }).locator('.cm-lintRange-error')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Save' })).toBeDisabled();
  await expect(page.getByTestId('config-save-blocked')).toContainText(new RegExp(`Fix 1 error to save: line ${refreshLine}, column \\d+`));
  // The acceptance screenshot: form and raw side by side with a validation error.
  await page.screenshot({ path: '/tmp/config-error.png' });

  // A syntax error: the form keeps its values, the editor and the reason point at the place.
  const gatewayLine = lineOf('gateway:');
  await selectWordInEditor(page, 'gateway:', 'gateway');
  await page.keyboard.type('gate way');
  await expect(page.getByTestId('config-save-blocked')).toContainText(new RegExp(`line ${gatewayLine}, column \\d+`));
  await expect(page.getByTestId('config-parse-banner')).toBeVisible();
  await expect(raw.locator('.cm-line', { hasText: 'gate way' }).locator('.cm-lintRange-error')).toBeVisible();
  await expect(raw.locator('.cm-lint-marker-error').first()).toBeVisible();
  await expect(page.getByLabel('region', { exact: true })).toHaveValue('us-west-2');
  await expect(page.getByTestId('models-table').getByLabel('id', { exact: true })).toHaveValue('anthropic.claude-3-haiku-20240307-v1:0');
  await expect(page.getByRole('button', { name: 'Save' })).toBeDisabled();

  // The form keeps the last parsed values and their messages until the text parses again.
  await expect(field).toHaveValue('-5');
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await page.screenshot({ path: '/tmp/config-syntax-error.png' });

  // Nothing reached the disk.
  expect(await readFile(join(app.home, CONFIG_FILE), 'utf8')).toBe(ORIGINAL);
});

test('a change on disk during local edits: conflict with Reload (and the disk version shows)', async ({ page, app }) => {
  await openConfig(page, app.url);
  await page.getByLabel('defaultMaxTokens', { exact: true }).fill('8192');
  await expect(page.getByTestId('config-dirty')).toBeVisible();

  const external = ORIGINAL.replace("region: 'us-west-2'", "region: 'eu-west-1'");
  await writeFile(join(app.home, CONFIG_FILE), external);

  const conflict = page.getByTestId('config-conflict');
  await expect(conflict).toContainText('The file changed on disk since you opened it');
  await expect(conflict.getByRole('button', { name: 'Overwrite' })).toBeVisible();
  await conflict.getByRole('button', { name: 'Reload' }).click();
  await expect(conflict).toHaveCount(0);
  await expect.poll(() => editorLines(page)).toEqual(shown(external.split('\n')));
  await expect(page.getByLabel('region', { exact: true })).toHaveValue('eu-west-1');
  await expect(page.getByLabel('defaultMaxTokens', { exact: true })).toHaveValue('');
  await expect(page.getByTestId('config-dirty')).toHaveCount(0);
});

test('a save over a newer file is refused until Overwrite', async ({ page, app }) => {
  await openConfig(page, app.url);
  await page.getByLabel('region', { exact: true }).fill('us-east-1');
  const external = ORIGINAL.replace("mode: 'local'", "mode: 'remote'");
  await writeFile(join(app.home, CONFIG_FILE), external);
  // Whether the watcher or the refused save reports it first, the same choice is offered.
  const conflict = page.getByTestId('config-conflict');
  const save = page.getByRole('button', { name: 'Save' });
  // The watcher may disable Save between the check and the click: a short click timeout lets
  // toPass try again instead of waiting on a button that will stay disabled.
  await expect(async () => {
    if (await save.isEnabled()) await save.click({ timeout: 1_000 });
    await expect(conflict).toBeVisible({ timeout: 1_000 });
  }).toPass();
  expect(await readFile(join(app.home, CONFIG_FILE), 'utf8')).toBe(external);

  await conflict.getByRole('button', { name: 'Overwrite' }).click();
  await expect(conflict).toHaveCount(0);
  await expect(page.getByTestId('config-notice')).toContainText('Saved');
  const onDisk = await readFile(join(app.home, CONFIG_FILE), 'utf8');
  expect(onDisk.split('\n')).toEqual(withLines({ [lineOf("region: 'us-west-2'")]: "      region: 'us-east-1'," }));
});

test('no local edits: a change on disk reloads quietly, with a notice', async ({ page, app }) => {
  await openConfig(page, app.url);
  const external = ORIGINAL.replace('refreshInterval: 3600', 'refreshInterval: 7200');
  await writeFile(join(app.home, CONFIG_FILE), external);
  await expect(page.getByLabel('refreshInterval', { exact: true })).toHaveValue('7200');
  await expect(page.getByTestId('config-notice')).toContainText('changed on disk');
  await expect(page.getByTestId('config-conflict')).toHaveCount(0);
  expect(await editorLines(page)).toEqual(shown(external.split('\n')));
});

test.describe("a config holding other providers' secrets", () => {
  const SECRET = 'sk-test-SECRET123-e2e-never-in-the-page';
  const BOT_TOKEN = '424242:e2e-bot-token-never-in-the-page';
  const WITH_SECRETS = `// Moltbot config with keys Bedrock Desk must not show
{
  channels: { telegram: { botToken: "${BOT_TOKEN}" } },
  models: {
    bedrockDiscovery: { enabled: true, refreshInterval: 3600 },
    providers: {
      openai: { baseUrl: 'https://api.openai.com/v1', apiKey: '${SECRET}' },
      anthropic: { apiKey: '\${ANTHROPIC_API_KEY}' }, // a reference, not a secret
    },
  },
}
`;
  test.use({ appOptions: { env: {}, args: ['--config', `~/${CONFIG_FILE}`], homeFiles: { [CONFIG_FILE]: WITH_SECRETS } } });

  test('the editor shows masks, the secrets are nowhere in the page or its traffic, and saves keep them on disk', async ({ page, app }) => {
    const recorder = new Recorder(page);
    await page.goto(app.url);
    await page.getByRole('button', { name: 'Config', exact: true }).click();
    const raw = page.getByTestId('config-raw');
    await expect(raw.locator('.cm-line', { hasText: 'openai:' })).toHaveText(/apiKey: '••••••••[0-9a-f]{6} \(hidden\)' \}/);
    await expect(raw.locator('.cm-line', { hasText: 'botToken' })).toHaveText(/botToken: "••••••••[0-9a-f]{6} \(hidden\)" \}/);
    await expect(raw.locator('.cm-line', { hasText: 'anthropic:' })).toContainText("apiKey: '${ANTHROPIC_API_KEY}'");
    const before = await raw.locator('.cm-line').allTextContents();
    expect(before.map((line) => line.replace(MASK, '<hidden>'))).toEqual(WITH_SECRETS.replace(SECRET, '<hidden>').replace(BOT_TOKEN, '<hidden>').split('\n'));
    recorder.add('DOM of Config', await page.content());
    const file = join(app.home, CONFIG_FILE);

    // A form edit, saved: only that line changes on disk, the secrets stay real there and masked here.
    await page.getByLabel('refreshInterval', { exact: true }).fill('600');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByTestId('config-notice')).toContainText('Saved');
    const once = WITH_SECRETS.replace('refreshInterval: 3600', 'refreshInterval: 600');
    expect(await readFile(file, 'utf8')).toBe(once);
    expect(await raw.locator('.cm-line').allTextContents()).toEqual(before.map((line) => line.replace('refreshInterval: 3600', 'refreshInterval: 600')));

    // A raw edit, saved again from the new version.
    await selectWordInEditor(page, 'refreshInterval: 600', '600');
    await page.keyboard.type('900');
    await expect(page.getByLabel('refreshInterval', { exact: true })).toHaveValue('900');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByTestId('config-dirty')).toHaveCount(0);
    expect(await readFile(file, 'utf8')).toBe(once.replace('refreshInterval: 600', 'refreshInterval: 900'));

    // An edited mask is not a value: Save is blocked with the reason at its line.
    const apiKeyLine = WITH_SECRETS.split('\n').findIndex((line) => line.includes('openai:')) + 1;
    await selectWordInEditor(page, 'openai:', 'hidden');
    await page.keyboard.type('shown');
    await expect(page.getByTestId('config-save-blocked')).toContainText(new RegExp(`line ${apiKeyLine}, column \\d+: contains hidden text`));
    await expect(raw.locator('.cm-line', { hasText: 'openai:' }).locator('.cm-lintRange-error')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Save' })).toBeDisabled();
    recorder.add('DOM with a hidden-value error', await page.content());
    await page.getByRole('button', { name: 'Revert' }).click();
    await expect(page.getByTestId('config-save-blocked')).toHaveCount(0);

    // A change on disk arrives masked too.
    await writeFile(file, once.replace(SECRET, `${SECRET}-rotated`));
    await expect(page.getByTestId('config-notice')).toContainText('changed on disk');
    recorder.add('DOM after a change on disk', await page.content());

    await recorder.settle();
    expect(recorder.invokes).toBeGreaterThan(3);
    expect(recorder.all()).toContain('config:changed');
    expect(recorder.all()).toContain('(hidden)');
    const recorded: Array<[string, string]> = [...recorder.texts, ['web host stdout/stderr', app.output()]];
    const leaked = recorded.filter(([, text]) => text.includes(SECRET) || text.includes(BOT_TOKEN)).map(([where]) => where);
    expect(leaked).toEqual([]);
  });
});

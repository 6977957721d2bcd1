// The config session as the renderer uses it, on a file holding other providers' secrets: what it
// answers is masked, what it saves has the real secrets back, and versions stay those of the disk.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSON5 from 'json5';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConfigView } from '../../shared/types';
import { maskOf } from './config-secrets';
import { createConfigSession, type ConfigSession } from './config-session';
import { contentVersion } from './config-store';
import { makePrimary } from './model-primary';

const SECRET = 'sk-test-SECRET123-do-not-show';
const BOT = '987654:bot-token-do-not-show';
const ORIGINAL = `// hand-written
{
  channels: { telegram: { botToken: '${BOT}' } }, // BotFather
  models: {
    bedrockDiscovery: { enabled: true, refreshInterval: 3600 },
    providers: {
      openai: { baseUrl: 'https://api.openai.com/v1', apiKey: "${SECRET}" },
    },
  },
}
`;

const sessions: ConfigSession[] = [];
afterEach(() => {
  for (const s of sessions.splice(0)) s.dispose();
});

function setup(text = ORIGINAL, onConfigChanged?: (view: ConfigView) => void) {
  const dir = mkdtempSync(join(tmpdir(), 'bd-secrets-'));
  const file = join(dir, 'moltbot.json5');
  writeFileSync(file, text);
  const session = createConfigSession({ env: { HOME: dir }, dataDir: dir, configPath: file, effectiveInputs: async () => ({}), ...(onConfigChanged ? { onConfigChanged } : {}) });
  sessions.push(session);
  return { file, session, disk: () => readFileSync(file, 'utf8') };
}

const leaks = (value: unknown) => [SECRET, BOT].filter((secret) => JSON.stringify(value).includes(secret));

async function saved(session: ConfigSession, text: string, baseVersion: string) {
  const result = await session.saveConfig({ text, baseVersion });
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  expect(leaks(result)).toEqual([]);
  return result.value;
}

describe('config session with secrets', () => {
  it('answers masked text with the version of the real file', async () => {
    const { session, disk } = setup();
    const view = await session.getConfig();
    expect(leaks(view)).toEqual([]);
    expect(view.text).toBe(ORIGINAL.replace(SECRET, maskOf(SECRET)).replace(BOT, maskOf(BOT)));
    expect(view.version).toBe(contentVersion(disk()));
  });

  it('form edits and saves (twice) keep the real secrets; only the edited line changes', async () => {
    const { session, disk } = setup();
    const view = await session.getConfig();
    const edited = await session.editConfig(view.text, ['models', 'bedrockDiscovery', 'refreshInterval'], 600);
    if (!edited.ok) throw new Error(edited.error.message);
    expect(leaks(edited)).toEqual([]);
    expect(edited.value.issues).toEqual([]);
    const first = await saved(session, edited.value.text, view.version);
    expect(disk()).toBe(ORIGINAL.replace('refreshInterval: 3600', 'refreshInterval: 600'));
    expect(first.version).toBe(contentVersion(disk()));
    expect(first.text).toBe(edited.value.text);

    const again = await session.editConfig(first.text, ['agents', 'defaults', 'model', 'primary'], 'amazon-bedrock/amazon.nova-micro-v1:0');
    if (!again.ok) throw new Error(again.error.message);
    await saved(session, again.value.text, first.version);
    const parsed = JSON5.parse(disk());
    expect(parsed.models.providers.openai.apiKey).toBe(SECRET);
    expect(parsed.channels.telegram.botToken).toBe(BOT);
    expect(parsed.agents.defaults.model.primary).toBe('amazon-bedrock/amazon.nova-micro-v1:0');
  });

  it('a raw edit that moves the secret keeps it; a typed one is saved as typed and shown masked', async () => {
    const { session, disk } = setup();
    const view = await session.getConfig();
    const moved = view.text.replace(`baseUrl: 'https://api.openai.com/v1', apiKey: "${maskOf(SECRET)}"`, `apiKey: "${maskOf(SECRET)}", baseUrl: 'https://api.openai.com/v1'`);
    const after = await saved(session, moved, view.version);
    expect(disk()).toBe(ORIGINAL.replace(`baseUrl: 'https://api.openai.com/v1', apiKey: "${SECRET}"`, `apiKey: "${SECRET}", baseUrl: 'https://api.openai.com/v1'`));
    const typed = await saved(session, after.text.replace(maskOf(BOT), 'new-bot-token-typed'), after.version);
    expect(JSON5.parse(disk()).channels.telegram.botToken).toBe('new-bot-token-typed');
    expect(typed.text).toContain(maskOf('new-bot-token-typed'));
    expect(typed.text).not.toContain('new-bot-token-typed');
  });

  it('conflicts are detected on the real versions; Overwrite restores from the version the editor loaded', async () => {
    const { file, session, disk } = setup();
    const view = await session.getConfig();
    const external = ORIGINAL.replace(SECRET, 'sk-rotated-elsewhere-123');
    writeFileSync(file, external);
    const mine = view.text.replace('enabled: true', 'enabled: false');
    const refused = await session.saveConfig({ text: mine, baseVersion: view.version });
    expect(refused).toMatchObject({ ok: false, error: { code: 'ConfigChangedOnDisk' } });
    expect(disk()).toBe(external);
    const forced = await session.saveConfig({ text: mine, baseVersion: view.version, overwrite: true });
    expect(forced.ok).toBe(true);
    expect(disk()).toBe(ORIGINAL.replace('enabled: true', 'enabled: false'));
  });

  it('a mask moved to another field: an issue at its line while editing, refused on save, the file untouched', async () => {
    const { session, disk } = setup();
    const view = await session.getConfig();
    const pasted = view.text.replace("baseUrl: 'https://api.openai.com/v1'", `baseUrl: '${maskOf(SECRET)}'`);
    const line = pasted.split('\n').findIndex((l) => l.includes('openai:')) + 1;
    const analysis = await session.analyzeConfig(pasted);
    expect(analysis.issues).toContainEqual(expect.objectContaining({ path: 'models.providers.openai.baseUrl', line, severity: 'error', message: expect.stringMatching(/hidden value of models\.providers\.openai\.apiKey/) }));
    const refused = await session.saveConfig({ text: pasted, baseVersion: view.version });
    expect(refused).toMatchObject({ ok: false, error: { code: 'ConfigHiddenValue', message: expect.stringContaining(`models.providers.openai.baseUrl`) } });
    expect(!refused.ok && refused.error.message).toContain(`line ${line}, column`);
    expect(leaks(refused)).toEqual([]);
    expect(disk()).toBe(ORIGINAL);
  });

  it('validation messages point into the masked text the editor shows', async () => {
    const text = `{ models: { providers: { openai: { apiKey: '${SECRET}' } }, bedrockDiscovery: { refreshInterval: -5 } } }\n`;
    const { session, disk } = setup(text);
    const view = await session.getConfig();
    const issue = view.issues.find((i) => i.path === 'models.bedrockDiscovery.refreshInterval');
    expect(issue?.column).toBe(view.text.indexOf('-5') + 1);
    const refused = await session.saveConfig({ text: view.text.replace('{ models', '{ gateway: {}, models'), baseVersion: view.version });
    expect(refused).toMatchObject({ ok: false, error: { code: 'ConfigInvalid' } });
    expect(!refused.ok && refused.error.message).toContain(`column ${view.text.indexOf('-5') + 1 + 'gateway: {}, '.length}`);
    expect(disk()).toBe(text);
  });

  it('a new session (a restart, sandbox mode) restores from the disk when the base is still on it', async () => {
    const { file, session } = setup();
    const view = await session.getConfig();
    const other = createConfigSession({ env: {}, dataDir: join(file, '..'), configPath: file, effectiveInputs: async () => ({}) });
    sessions.push(other);
    const edited = view.text.replace('enabled: true', 'enabled: false');
    expect((await other.analyzeConfig(edited)).issues).toEqual([]);
    await saved(other, edited, view.version);
    expect(readFileSync(file, 'utf8')).toBe(ORIGINAL.replace('enabled: true', 'enabled: false'));
  });

  it('make primary (through the masked view) keeps the secrets', async () => {
    const { session, disk } = setup();
    const result = await makePrimary(session, 'amazon.nova-pro-v1:0');
    expect(result.ok).toBe(true);
    expect(leaks(result)).toEqual([]);
    expect(JSON5.parse(disk())).toMatchObject({ agents: { defaults: { model: { primary: 'amazon-bedrock/amazon.nova-pro-v1:0' } } }, models: { providers: { openai: { apiKey: SECRET } } } });
  });

  it('a change on disk is reported masked, a file opened in the app too', async () => {
    const views: ConfigView[] = [];
    const { file, session } = setup(ORIGINAL, (view) => views.push(view));
    await session.getConfig();
    writeFileSync(file, ORIGINAL.replace(SECRET, 'sk-changed-on-disk-456'));
    await expect.poll(() => views.length, { timeout: 5000 }).toBeGreaterThan(0);
    expect(JSON.stringify(views)).not.toContain('sk-changed-on-disk-456');
    expect(views.at(-1)?.text).toContain(maskOf('sk-changed-on-disk-456'));

    const other = join(file, '..', 'other.json5');
    writeFileSync(other, `{ gateway: { auth: { password: "${SECRET}" } } }`);
    const opened = await session.openConfig(other);
    expect(opened.ok).toBe(true);
    expect(leaks(opened)).toEqual([]);
  });
});

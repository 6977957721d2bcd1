// Safe writes: validation, atomic replace with a backup, conflict detection, permissions, and
// the analysis (issues with positions, effective values) the editor shows.
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ABSENT_VERSION, loadConfig, saveConfigFile } from './config-store';
import { analyzeConfigText } from './config-validate';
import { createConfigSession } from './config-session';

const temp = () => mkdtempSync(join(tmpdir(), 'bd-save-'));
const FIXTURE = readFileSync(join(import.meta.dirname, 'fixtures/config/commented.json5'), 'utf8');

describe('saveConfigFile', () => {
  it('writes atomically, keeps the previous version as .bak and the file mode', async () => {
    const dir = temp();
    const file = join(dir, 'moltbot.json');
    writeFileSync(file, FIXTURE);
    chmodSync(file, 0o640);
    const { view } = await loadConfig(file);
    const next = FIXTURE.replace('refreshInterval: 3600', 'refreshInterval: 60');
    const saved = await saveConfigFile(file, next, { baseVersion: view.version });
    expect(saved).toMatchObject({ ok: true, value: { backupPath: `${file}.bak` } });
    expect(readFileSync(file, 'utf8')).toBe(next);
    expect(readFileSync(`${file}.bak`, 'utf8')).toBe(FIXTURE);
    expect(statSync(file).mode & 0o777).toBe(0o640);
    expect(readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('creates a new file 0600 (it may later hold other providers\' keys)', async () => {
    const file = join(temp(), 'sub', 'bedrock-desk.json5');
    const saved = await saveConfigFile(file, '{ models: {} }\n', { baseVersion: ABSENT_VERSION });
    expect(saved.ok).toBe(true);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(existsSync(`${file}.bak`)).toBe(false);
  });

  it('refuses a file changed on disk since it was loaded, unless overwrite', async () => {
    const file = join(temp(), 'c.json5');
    writeFileSync(file, FIXTURE);
    const { view } = await loadConfig(file);
    const external = FIXTURE.replace("port: 18789", 'port: 18790');
    writeFileSync(file, external);
    const refused = await saveConfigFile(file, FIXTURE.replace('enabled: true,\n      region', 'enabled: false,\n      region'), { baseVersion: view.version });
    expect(refused).toMatchObject({ ok: false, error: { code: 'ConfigChangedOnDisk' } });
    expect(!refused.ok && refused.error.hint).toMatch(/Reload.*overwrite/);
    expect(readFileSync(file, 'utf8')).toBe(external);
    const forced = await saveConfigFile(file, FIXTURE, { baseVersion: view.version, overwrite: true });
    expect(forced.ok).toBe(true);
    expect(readFileSync(file, 'utf8')).toBe(FIXTURE);
  });

  it('refuses invalid or unparsable text; the file stays byte-identical', async () => {
    const file = join(temp(), 'c.json5');
    writeFileSync(file, FIXTURE);
    const { view } = await loadConfig(file);
    const invalid = await saveConfigFile(file, FIXTURE.replace('refreshInterval: 3600', 'refreshInterval: -5'), { baseVersion: view.version });
    expect(invalid).toMatchObject({ ok: false, error: { code: 'ConfigInvalid' } });
    expect(!invalid.ok && invalid.error.message).toMatch(/refreshInterval/);
    const unparsable = await saveConfigFile(file, FIXTURE.slice(0, 200), { baseVersion: view.version });
    expect(unparsable).toMatchObject({ ok: false, error: { code: 'ConfigInvalid' } });
    expect(readFileSync(file, 'utf8')).toBe(FIXTURE);
    expect(existsSync(`${file}.bak`)).toBe(false);
  });
});

describe('analyzeConfigText', () => {
  it('points each issue at line, column and field path', () => {
    const text = `{
  models: {
    bedrockDiscovery: { refreshInterval: 1.5, providerFilter: ['anthropic', 7] },
    providers: { 'amazon-bedrock': { baseUrl: 'http://example.com', api: 'openai', auth: 'key',
      models: [{ name: 'no id', input: ['text', 'audio'], cost: { input: -1 }, maxTokens: 0 }] } },
  },
  agents: { defaults: { model: { primary: 'claude' } } },
}`;
    const { issues } = analyzeConfigText(text);
    const by = (path: string) => issues.find((i) => i.path === path);
    expect(by('models.bedrockDiscovery.refreshInterval')).toMatchObject({ line: 3, column: 42, severity: 'error' });
    expect(by('models.bedrockDiscovery.providerFilter[1]')).toMatchObject({ line: 3 });
    expect(by('models.providers["amazon-bedrock"].baseUrl')?.message).toMatch(/https/);
    expect(by('models.providers["amazon-bedrock"].api')).toBeDefined();
    expect(by('models.providers["amazon-bedrock"].auth')).toBeDefined();
    expect(by('models.providers["amazon-bedrock"].models[0].id')?.message).toMatch(/required/);
    expect(by('models.providers["amazon-bedrock"].models[0].input[1]')).toMatchObject({ line: 5 });
    expect(by('models.providers["amazon-bedrock"].models[0].cost.input')).toBeDefined();
    expect(by('models.providers["amazon-bedrock"].models[0].maxTokens')).toBeDefined();
    expect(by('agents.defaults.model.primary')).toMatchObject({ line: 7 });
  });

  it('reports a parse error with its position', () => {
    const analysis = analyzeConfigText('{\n  models: {\n    bedrockDiscovery: { enabled: tru }\n  }\n}\n');
    expect(analysis.managed).toBeUndefined();
    expect(analysis.issues[0]).toMatchObject({ path: '', line: 3, severity: 'error' });
  });

  it('effective values say why; the base URL follows the region', () => {
    const none = analyzeConfigText('{}', { region: { region: 'eu-central-1', origin: 'AWS_REGION' } });
    expect(none.effective?.enabled).toEqual({ value: false, reason: 'because no AWS credentials were found' });
    expect(none.effective?.region).toEqual({ value: 'eu-central-1', reason: 'from AWS_REGION' });
    expect(none.effective?.refreshInterval).toEqual({ value: 3600, reason: 'the default (1 hour)' });
    expect(none.suggestedBaseUrl).toBe('https://bedrock-runtime.eu-central-1.amazonaws.com');
    const found = analyzeConfigText("{ models: { bedrockDiscovery: { region: 'us-west-2' } } }", { credentials: { found: true, label: 'AWS_PROFILE' } });
    expect(found.effective?.enabled).toEqual({ value: true, reason: 'because credentials were found (AWS_PROFILE)' });
    expect(found.effective?.region).toEqual({ value: 'us-west-2', reason: 'set in the config' });
    expect(found.suggestedBaseUrl).toBe('https://bedrock-runtime.us-west-2.amazonaws.com');
    const valid = analyzeConfigText(FIXTURE);
    expect(valid.issues).toEqual([]);
    expect(valid.managed?.provider.models[0]?.cost).toEqual({ input: 0.25, output: 1.25, cacheRead: 0.03, cacheWrite: 0.3 });
  });
});

describe('config session', () => {
  it('edit, save, open and the change watch', async () => {
    const dir = temp();
    const file = join(dir, 'moltbot.json');
    writeFileSync(file, FIXTURE);
    const changes: string[] = [];
    const session = createConfigSession({ env: { HOME: dir }, dataDir: dir, configPath: file, effectiveInputs: async () => ({}), onConfigChanged: (view) => changes.push(view.version) });
    try {
      const view = await session.getConfig();
      expect(view).toMatchObject({ path: file, origin: 'cli', exists: true, issues: [] });
      const edited = await session.editConfig(view.text, ['models', 'bedrockDiscovery', 'enabled'], false);
      expect(edited.ok && edited.value.managed?.bedrockDiscovery.enabled).toBe(false);
      if (!edited.ok) return;
      const saved = await session.saveConfig({ text: edited.value.text, baseVersion: view.version });
      expect(saved).toMatchObject({ ok: true, value: { backupPath: `${file}.bak`, text: edited.value.text } });
      const stale = await session.saveConfig({ text: view.text, baseVersion: view.version });
      expect(stale).toMatchObject({ ok: false, error: { code: 'ConfigChangedOnDisk' } });
      writeFileSync(file, FIXTURE.replace('port: 18789', 'port: 1'));
      await expect.poll(() => changes.length, { timeout: 5000 }).toBeGreaterThan(0);

      const other = join(dir, 'other.json5');
      const opened = await session.openConfig(other);
      expect(opened).toMatchObject({ ok: true, value: { path: other, origin: 'chosen', exists: false, version: ABSENT_VERSION } });
      expect(await session.openConfig('relative.json')).toMatchObject({ ok: false });
    } finally {
      session.dispose();
    }
  });
});

// `config get|set|unset|validate` in-process against fixture copies: one changed line per set,
// non-zero exit and a byte-identical file on bad input.
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './main';

const FIXTURES = join(import.meta.dirname, '../services/fixtures/config');

function copy(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'bd-cli-config-'));
  const file = join(dir, name);
  copyFileSync(join(FIXTURES, name), file);
  return file;
}

async function cli(args: string[]) {
  let stdout = '';
  let stderr = '';
  const home = mkdtempSync(join(tmpdir(), 'bd-cli-home-'));
  const code = await runCli(args, { env: { HOME: home, BEDROCK_DESK_DATA_DIR: home }, stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) } });
  return { code, stdout, stderr };
}

const diffLines = (a: string, b: string) => {
  const x = a.split('\n');
  const y = b.split('\n');
  expect(y.length).toBe(x.length);
  return x.map((line, i) => (line === y[i] ? undefined : [line, y[i]])).filter(Boolean);
};

describe('bedrock-desk config', () => {
  it.each([
    ['models.bedrockDiscovery.enabled', 'false', false],
    ['models.bedrockDiscovery.refreshInterval', '600', 600],
    ['models.bedrockDiscovery.providerFilter', '["anthropic","meta"]', ['anthropic', 'meta']],
    ['models.providers["amazon-bedrock"].baseUrl', 'https://bedrock-runtime.eu-west-1.amazonaws.com', 'https://bedrock-runtime.eu-west-1.amazonaws.com'],
    ['models.providers.amazon-bedrock.models[0].maxTokens', '2048', 2048],
    ['agents.defaults.model.primary', "'amazon-bedrock/amazon.nova-pro-v1:0'", 'amazon-bedrock/amazon.nova-pro-v1:0'],
  ])('set %s %s changes one line', async (path, value, expected) => {
    for (const name of ['commented.json5', 'strict-json.json']) {
      const file = copy(name);
      const before = readFileSync(file, 'utf8');
      const out = await cli(['config', 'set', path, value, '--config', file]);
      expect(out.code, out.stderr).toBe(0);
      expect(diffLines(before, readFileSync(file, 'utf8')).length).toBeLessThanOrEqual(1);
      const got = await cli(['config', 'get', path, '--config', file]);
      expect(got.stdout.trim()).toBe(typeof expected === 'string' ? expected : JSON.stringify(expected, null, 2));
    }
  });

  it('unset removes the line; a missing path is an error', async () => {
    const file = copy('commented.json5');
    const before = readFileSync(file, 'utf8');
    expect((await cli(['config', 'unset', 'models.bedrockDiscovery.defaultMaxTokens', '--config', file])).code).toBe(0);
    const after = readFileSync(file, 'utf8');
    expect(before.split('\n').filter((l) => !l.includes('defaultMaxTokens'))).toEqual(after.split('\n'));
    const missing = await cli(['config', 'unset', 'models.nothing', '--config', file]);
    expect(missing.code).toBe(1);
    expect(readFileSync(file, 'utf8')).toBe(after);
  });

  it.each([
    [['config', 'set', 'models.bedrockDiscovery.refreshInterval', '--', '-5'], /refreshInterval/],
    [['config', 'set', 'models.bedrockDiscovery.enabled', 'yes please', '--strict-json'], /JSON5/],
    [['config', 'set', 'models..x', '1'], /invalid path/],
    [['config', 'set', 'channels.whatsapp.groups.x', '1'], /list/],
    [['config', 'set', 'models.providers["amazon-bedrock"].baseUrl', 'ftp://x'], /https/],
  ])('bad input %j exits non-zero and leaves the file unchanged', async (args, message) => {
    const file = copy('commented.json5');
    const before = readFileSync(file, 'utf8');
    const out = await cli(['--config', file, ...args]);
    expect(out.code).not.toBe(0);
    expect(out.stderr).toMatch(message);
    expect(readFileSync(file, 'utf8')).toBe(before);
  });

  it('a file that does not parse is reported with its position and never written', async () => {
    const file = copy('commented.json5');
    writeFileSync(file, '{\n  models: { bedrockDiscovery: { enabled: tru } }\n}\n');
    const out = await cli(['config', 'set', 'models.bedrockDiscovery.enabled', 'true', '--config', file]);
    expect(out.code).toBe(1);
    expect(out.stderr).toMatch(/:2:\d+: the config does not parse/);
    expect(readFileSync(file, 'utf8')).toBe('{\n  models: { bedrockDiscovery: { enabled: tru } }\n}\n');
  });

  it('validate prints file:line:col path: message and exits 1 on errors', async () => {
    const file = copy('strict-json.json');
    expect((await cli(['config', 'validate', '--config', file])).code).toBe(0);
    writeFileSync(file, readFileSync(file, 'utf8').replace('"refreshInterval": 0', '"refreshInterval": "soon"'));
    const out = await cli(['config', 'validate', '--config', file]);
    expect(out.code).toBe(1);
    expect(out.stdout).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:17:32 models\\.bedrockDiscovery\\.refreshInterval: must be`, 'm'));
  });
});

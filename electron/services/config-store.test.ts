import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, resolveConfigPath } from './config-store';
import { bedrockDiscovery, bedrockProvider, getAtPath, primaryBedrockModelId } from './config-model';

const temp = () => mkdtempSync(join(tmpdir(), 'bd-config-'));

describe('resolveConfigPath', () => {
  it('--config wins', () => {
    const home = temp();
    expect(resolveConfigPath({ cliPath: '/x/cli.json5', env: { HOME: home, CLAWDBOT_CONFIG_PATH: '/x/env.json' }, dataDir: '/data' })).toBe('/x/cli.json5');
  });
  it('then CLAWDBOT_CONFIG_PATH, MOLTBOT_CONFIG_PATH, OPENCLAW_CONFIG_PATH in that order', () => {
    const home = temp();
    expect(resolveConfigPath({ env: { HOME: home, CLAWDBOT_CONFIG_PATH: '/a.json', MOLTBOT_CONFIG_PATH: '/b.json' }, dataDir: '/d' })).toBe('/a.json');
    expect(resolveConfigPath({ env: { HOME: home, MOLTBOT_CONFIG_PATH: '/b.json', OPENCLAW_CONFIG_PATH: '/c.json' }, dataDir: '/d' })).toBe('/b.json');
    expect(resolveConfigPath({ env: { HOME: home, OPENCLAW_CONFIG_PATH: '~/c.json' }, dataDir: '/d' })).toBe(join(home, 'c.json'));
  });
  it("then Moltbot's config in its state dir, if it exists", () => {
    const home = temp();
    mkdirSync(join(home, '.clawdbot'));
    writeFileSync(join(home, '.clawdbot', 'moltbot.json'), '{}');
    expect(resolveConfigPath({ env: { HOME: home }, dataDir: '/d' })).toBe(join(home, '.clawdbot', 'moltbot.json'));
  });
  it('honours CLAWDBOT_STATE_DIR', () => {
    const home = temp();
    const state = temp();
    writeFileSync(join(state, 'clawdbot.json'), '{}');
    expect(resolveConfigPath({ env: { HOME: home, CLAWDBOT_STATE_DIR: state }, dataDir: '/d' })).toBe(join(state, 'clawdbot.json'));
  });
  it('else our own file in the data dir', () => {
    const home = temp();
    expect(resolveConfigPath({ env: { HOME: home }, dataDir: '/data/dir' })).toBe('/data/dir/bedrock-desk.json5');
  });
});

describe('loadConfig', () => {
  it('a missing file is an empty config', async () => {
    const loaded = await loadConfig(join(temp(), 'none.json5'));
    expect(loaded.view).toMatchObject({ exists: false, text: '' });
    expect(loaded.config).toEqual({});
  });

  it('parses JSON5 with comments and exposes the primary model', async () => {
    const path = join(temp(), 'c.json5');
    writeFileSync(path, `{
      // comment
      agents: { defaults: { model: { primary: "amazon-bedrock/anthropic.claude-3-haiku-20240307-v1:0" } } },
      models: {
        bedrockDiscovery: { enabled: true, region: "us-west-2", providerFilter: ["Anthropic"], refreshInterval: 0, defaultContextWindow: 64000, defaultMaxTokens: "bad" },
        providers: { "amazon-bedrock": { baseUrl: "http://127.0.0.1:9", api: "bedrock-converse-stream", auth: "aws-sdk",
          models: [{ id: "x.model", name: "X", reasoning: true, input: ["text", "image"], cost: { input: 1, output: 2, cacheRead: 0.1 }, contextWindow: 1000, maxTokens: 100 }, { name: "no id" }] } },
      },
    }`);
    const { view, config } = await loadConfig(path);
    expect(view.parseError).toBeUndefined();
    expect(view.primaryModel).toBe('amazon-bedrock/anthropic.claude-3-haiku-20240307-v1:0');
    expect(primaryBedrockModelId(config)).toBe('anthropic.claude-3-haiku-20240307-v1:0');
    expect(bedrockDiscovery(config)).toEqual({ enabled: true, region: 'us-west-2', providerFilter: ['Anthropic'], refreshInterval: 0, defaultContextWindow: 64000 });
    const provider = bedrockProvider(config);
    expect(provider.baseUrl).toBe('http://127.0.0.1:9');
    expect(provider.models).toEqual([{ id: 'x.model', name: 'X', reasoning: true, input: ['text', 'image'], cost: { input: 1, output: 2, cacheRead: 0.1 }, contextWindow: 1000, maxTokens: 100 }]);
    expect(getAtPath(config, 'models.providers.amazon-bedrock.models[0].id')).toBe('x.model');
  });

  it('a file that does not parse: position reported, config empty, file untouched', async () => {
    const path = join(temp(), 'broken.json5');
    const text = '{\n  models: {\n    bedrockDiscovery: { enabled: tru }\n  }\n}\n';
    writeFileSync(path, text);
    const { view, config } = await loadConfig(path);
    expect(config).toEqual({});
    expect(view.exists).toBe(true);
    expect(view.text).toBe(text);
    expect(view.parseError?.line).toBe(3);
    expect(view.parseError?.column).toBeGreaterThan(20);
    expect(readFileSync(path, 'utf8')).toBe(text);
  });

  it('a non-object top level is an error', async () => {
    const path = join(temp(), 'arr.json');
    writeFileSync(path, '[1,2]');
    expect((await loadConfig(path)).view.parseError?.message).toMatch(/object/);
  });

  it('primary model of another provider is not a Bedrock id', () => {
    expect(primaryBedrockModelId({ agents: { defaults: { model: { primary: 'openai/gpt-4o' } } } })).toBeUndefined();
  });
});

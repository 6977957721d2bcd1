// "Make primary" through a real session and the real config store: only the one value changes.
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSON5 from 'json5';
import { afterEach, describe, expect, it } from 'vitest';
import { createSession, type BedrockSessionWithIdentity } from './session';

const sessions: BedrockSessionWithIdentity[] = [];
afterEach(() => {
  for (const s of sessions.splice(0)) s.dispose();
});

function setup(text: string) {
  const dir = mkdtempSync(join(tmpdir(), 'bd-primary-'));
  const configPath = join(dir, 'moltbot.json');
  writeFileSync(configPath, text);
  const session = createSession({ env: { HOME: dir }, dataDir: dir, configPath, watchAwsFiles: false });
  sessions.push(session);
  return { configPath, session };
}

const COMMENTED = `// Moltbot config — hand edited
{
  gateway: { port: 18789 }, // keep me
  agents: {
    defaults: {
      /* the model agents use */
      model: {
        primary: "amazon-bedrock/amazon.nova-micro-v1:0",
        fallbacks: ['anthropic/claude'],
      },
    },
  },
  models: {
    bedrockDiscovery: { enabled: true, refreshInterval: 600 },
  },
}
`;

describe('makePrimary', () => {
  it('changes exactly one line of a commented JSON5 file', async () => {
    const { configPath, session } = setup(COMMENTED);
    const result = await session.makePrimary('anthropic.claude-sonnet-4-20250514-v1:0');
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.value.primaryModel).toBe('amazon-bedrock/anthropic.claude-sonnet-4-20250514-v1:0');
    const before = COMMENTED.split('\n');
    const after = readFileSync(configPath, 'utf8').split('\n');
    expect(after).toHaveLength(before.length);
    const changed = after.map((line, i) => [i, line] as const).filter(([i, line]) => line !== before[i]);
    expect(changed).toEqual([[7, '        primary: "amazon-bedrock/anthropic.claude-sonnet-4-20250514-v1:0",']]);
  });

  it('adds the key to a file that has no agents section, keeping the rest', async () => {
    const { configPath, session } = setup('// mine\n{\n  models: { bedrockDiscovery: { enabled: true } }, // keep\n}\n');
    const result = await session.makePrimary('amazon.nova-pro-v1:0');
    expect(result.ok).toBe(true);
    const text = readFileSync(configPath, 'utf8');
    expect(text).toContain('// mine');
    expect(text).toContain('// keep');
    expect(JSON5.parse(text)).toEqual({ models: { bedrockDiscovery: { enabled: true } }, agents: { defaults: { model: { primary: 'amazon-bedrock/amazon.nova-pro-v1:0' } } } });
  });

  it('does not write when the model already is primary', async () => {
    const { configPath, session } = setup(COMMENTED);
    const mtime = statSync(configPath).mtimeMs;
    const result = await session.makePrimary('amazon.nova-micro-v1:0');
    expect(result.ok).toBe(true);
    expect(readFileSync(configPath, 'utf8')).toBe(COMMENTED);
    expect(statSync(configPath).mtimeMs).toBe(mtime);
  });

  it('refuses to touch a file that does not parse', async () => {
    const { configPath, session } = setup('{ agents: { defaults: ');
    const result = await session.makePrimary('amazon.nova-micro-v1:0');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('ConfigParseError');
    expect(readFileSync(configPath, 'utf8')).toBe('{ agents: { defaults: ');
  });
});

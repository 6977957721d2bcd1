import { describe, expect, it } from 'vitest';
import { parseCli } from './args';

describe('parseCli', () => {
  it('parses commands with global options anywhere', () => {
    expect(parseCli(['models', 'list', '--json', '--region', 'eu-west-1', '--config', 'c.json5'])).toEqual({
      ok: true,
      command: { name: 'models-list', json: true, all: false },
      global: { sandbox: false, region: 'eu-west-1', config: 'c.json5' },
    });
    expect(parseCli(['--sandbox', 'whoami'])).toMatchObject({ ok: true, command: { name: 'whoami', json: false }, global: { sandbox: true } });
    expect(parseCli(['config', 'get', 'models.bedrockDiscovery'])).toMatchObject({ ok: true, command: { name: 'config-get', path: 'models.bedrockDiscovery' } });
  });
  it('models list --all and models refresh', () => {
    expect(parseCli(['models', 'list', '--all'])).toMatchObject({ ok: true, command: { name: 'models-list', json: false, all: true } });
    expect(parseCli(['models', 'refresh', '--json'])).toMatchObject({ ok: true, command: { name: 'models-refresh', json: true } });
    expect(parseCli(['models', 'refresh', 'now'])).toMatchObject({ ok: false, message: expect.stringMatching(/models refresh/) });
  });
  it('chat takes model, system, max tokens and the prompt words', () => {
    expect(parseCli(['chat', '--model', 'm.x', '--system', 'S', '--max-tokens', '50', 'hello', 'there'])).toMatchObject({
      ok: true,
      command: { name: 'chat', model: 'm.x', system: 'S', maxTokens: 50, prompt: 'hello there' },
    });
  });
  it.each([
    [['chat', 'hi'], /--model/],
    [['chat', '--model', 'm'], /PROMPT/],
    [['chat', '--model', 'm', '--max-tokens', 'lots', 'hi'], /positive integer/],
    [['models'], /models list/],
    [['nope'], /unknown command/],
    [['whoami', '--bogus'], /bogus/],
  ])('rejects %j', (argv, message) => {
    const parsed = parseCli(argv);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toMatch(message);
  });
  it('help', () => {
    expect(parseCli([])).toMatchObject({ ok: true, command: { name: 'help' } });
    expect(parseCli(['whoami', '--help'])).toMatchObject({ ok: true, command: { name: 'help' } });
  });
});

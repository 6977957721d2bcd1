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
  it('chat takes attachments (repeatable), sampling, stops, a thinking budget and --json', () => {
    expect(parseCli(['chat', '-m', 'm', '--image', 'a.png', '--image', 'b.jpg', '--document', 'c.pdf', '--temperature', '0.5', '--top-p', '0.9', '--stop', 'X', '--stop', 'Y', '--reasoning-budget', '2048', '--json', 'go'])).toEqual({
      ok: true,
      command: { name: 'chat', model: 'm', prompt: 'go', images: ['a.png', 'b.jpg'], documents: ['c.pdf'], temperature: 0.5, topP: 0.9, stopSequences: ['X', 'Y'], reasoningBudget: 2048, json: true },
      global: { sandbox: false },
    });
  });
  it.each([
    [['chat', '-m', 'm', '--temperature', '2', 'hi'], /--temperature must be a number from 0 to 1/],
    [['chat', '-m', 'm', '--top-p', 'x', 'hi'], /--top-p/],
    [['chat', '-m', 'm', '--reasoning-budget', '100', 'hi'], /at least 1024/],
    [['chat', '-m', 'm', '--stop', '', 'hi'], /--stop must not be empty/],
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

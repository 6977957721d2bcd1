// Golden round trips: every managed field set and unset on real-looking Moltbot configs must
// change exactly the intended lines, and random edits must never break or lose anything.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import JSON5 from 'json5';
import { describe, expect, it } from 'vitest';
import { editConfigText } from './config-edit';
import { formatConfigPath, parseConfigPath, type PathSegment } from './config-path';

const FIXTURES = join(import.meta.dirname, 'fixtures/config');
const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');
const NAMES = ['commented.json5', 'strict-json.json', 'compact-inline.json5'];

const P = ['models', 'providers', 'amazon-bedrock'];
const M = [...P, 'models', 0];
/** Every managed field with a new value of the right type. */
const FIELDS: Array<[PathSegment[], unknown]> = [
  [['models', 'bedrockDiscovery', 'enabled'], false],
  [['models', 'bedrockDiscovery', 'region'], 'ap-southeast-2'],
  [['models', 'bedrockDiscovery', 'providerFilter'], ['anthropic', 'meta', 'mistral']],
  [['models', 'bedrockDiscovery', 'refreshInterval'], 7200],
  [['models', 'bedrockDiscovery', 'defaultContextWindow'], 100000],
  [['models', 'bedrockDiscovery', 'defaultMaxTokens'], 1024],
  [[...P, 'baseUrl'], 'http://127.0.0.1:4010'],
  [[...P, 'api'], 'bedrock-converse-stream'],
  [[...P, 'auth'], 'aws-sdk'],
  [[...M, 'id'], 'amazon.titan-text-express-v1'],
  [[...M, 'name'], "It's \"new\""],
  [[...M, 'reasoning'], true],
  [[...M, 'input'], ['text']],
  [[...M, 'cost', 'input'], 9.5],
  [[...M, 'cost', 'output'], 0],
  [[...M, 'cost', 'cacheRead'], 0.5],
  [[...M, 'cost', 'cacheWrite'], 1.75],
  [[...M, 'contextWindow'], 128000],
  [[...M, 'maxTokens'], 512],
  [['agents', 'defaults', 'model', 'primary'], 'amazon-bedrock/amazon.titan-text-express-v1'],
];

/** The lines that differ once the common head and tail are cut off. */
function changedLines(before: string, after: string): { removed: string[]; added: string[] } {
  const a = before.split('\n');
  const b = after.split('\n');
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  return { removed: a.slice(head, a.length - tail), added: b.slice(head, b.length - tail) };
}

function valueAt(root: unknown, path: readonly PathSegment[]): unknown {
  return path.reduce<unknown>((node, key) => (node as Record<string | number, unknown> | undefined)?.[key], root);
}

describe.each(NAMES)('golden round trip: %s', (name) => {
  const text = fixture(name);
  const original = JSON5.parse(text);

  it.each(FIELDS.map(([path, value]) => [formatConfigPath(path), path, value] as const))('set %s changes one line', (_label, path, value) => {
    const result = editConfigText(text, path, value);
    if (!result.ok) throw new Error(result.error.message);
    const { removed, added } = changedLines(text, result.text);
    const key = String(path[path.length - 1]);
    const same = JSON.stringify(valueAt(original, path)) === JSON.stringify(value);
    expect(removed.length).toBe(same ? 0 : 1);
    expect(added.length).toBe(same ? 0 : 1);
    if (!same) expect(added[0]).toContain(key);
    const parsed = JSON5.parse(result.text);
    expect(valueAt(parsed, path)).toEqual(value);
  });

  it.each(FIELDS.map(([path]) => [formatConfigPath(path), path] as const))('unset %s removes only that field', (_label, path) => {
    const result = editConfigText(text, path, undefined);
    if (!result.ok) throw new Error(result.error.message);
    const { removed, added } = changedLines(text, result.text);
    const key = String(path[path.length - 1]);
    // Its own line goes (with the comma of the line before, for a last entry in strict JSON);
    // in a one-line block only that line changes.
    expect(removed.length).toBeGreaterThanOrEqual(1);
    expect(removed.length).toBeLessThanOrEqual(2);
    expect(added.length).toBeLessThanOrEqual(removed.length);
    if (added.length === removed.length) expect(removed.join('\n').split(key).length - 1).toBe(added.join('\n').split(key).length);
    const expected = structuredClone(original);
    const parent = valueAt(expected, path.slice(0, -1)) as Record<string, unknown>;
    delete parent[key];
    expect(JSON5.parse(result.text)).toEqual(expected);
  });

  it('keeps every comment and unknown key when editing', () => {
    const result = editConfigText(text, ['models', 'bedrockDiscovery', 'refreshInterval'], 60);
    if (!result.ok) throw new Error(result.error.message);
    const comments = (s: string) => s.match(/\/\/.*|\/\*[\s\S]*?\*\//g) ?? [];
    expect(comments(result.text)).toEqual(comments(text));
    const parsed = JSON5.parse(result.text);
    expect(parsed.channels).toEqual(original.channels);
    expect(parsed.gateway).toEqual(original.gateway);
  });
});

describe('editConfigText', () => {
  const commented = fixture('commented.json5');

  it('creates missing parents in the file style', () => {
    const result = editConfigText(commented, [...P, 'models', 1, 'cost', 'cacheRead'], 0.3);
    if (!result.ok) throw new Error(result.error.message);
    const { removed, added } = changedLines(commented, result.text);
    expect(removed).toEqual([]);
    expect(added.join('\n')).toMatch(/^ {10}\{\n {12}cost: \{\n {14}cacheRead: 0\.3,\n {12}\},\n {10}\},$/);
    expect(JSON5.parse(result.text).models.providers['amazon-bedrock'].models[1]).toEqual({ cost: { cacheRead: 0.3 } });
  });

  it('adds and removes rows of the models table', () => {
    const added = editConfigText(commented, [...P, 'models', 1], { id: 'amazon.nova-pro-v1:0', input: ['text', 'image'], cost: { input: 0.8, output: 3.2 } });
    if (!added.ok) throw new Error(added.error.message);
    expect(JSON5.parse(added.text).models.providers['amazon-bedrock'].models).toHaveLength(2);
    const removed = editConfigText(added.text, [...P, 'models', 0], undefined);
    if (!removed.ok) throw new Error(removed.error.message);
    expect(JSON5.parse(removed.text).models.providers['amazon-bedrock'].models.map((m: { id: string }) => m.id)).toEqual(['amazon.nova-pro-v1:0']);
    expect(removed.text).toContain('// from BotFather');
  });

  it('creates a new file in Moltbot style, and refuses text that does not parse', () => {
    const created = editConfigText('', ['models', 'bedrockDiscovery', 'enabled'], true);
    expect(created).toEqual({ ok: true, changed: true, text: '{\n  models: {\n    bedrockDiscovery: {\n      enabled: true,\n    },\n  },\n}\n' });
    const broken = editConfigText('{ models: ', ['a'], 1);
    expect(broken).toMatchObject({ ok: false, error: { code: 'ConfigUnparsable' } });
  });

  it('refuses impossible paths and non-JSON values without throwing', () => {
    expect(editConfigText(commented, ['channels', 'whatsapp', 'groups', 'x'], 1)).toMatchObject({ ok: false, error: { code: 'ConfigEditInvalid' } });
    expect(editConfigText(commented, [...P, 'models', 5, 'id'], 'x')).toMatchObject({ ok: false });
    expect(editConfigText(commented, ['a'], Number.NaN)).toMatchObject({ ok: false });
    expect(editConfigText(commented, ['a'], new Date())).toMatchObject({ ok: false });
    expect(editConfigText(commented, ['not', 'there'], undefined)).toEqual({ ok: true, text: commented, changed: false });
  });
});

describe('parseConfigPath', () => {
  it('dots, brackets, quotes and escapes', () => {
    expect(parseConfigPath('models.providers["amazon-bedrock"].baseUrl')).toEqual({ ok: true, path: ['models', 'providers', 'amazon-bedrock', 'baseUrl'] });
    expect(parseConfigPath('models.providers.amazon-bedrock.models[0].id')).toEqual({ ok: true, path: ['models', 'providers', 'amazon-bedrock', 'models', 0, 'id'] });
    expect(parseConfigPath("a['b.c'][2]")).toEqual({ ok: true, path: ['a', 'b.c', 2] });
    expect(parseConfigPath('a\\.b.c')).toEqual({ ok: true, path: ['a.b', 'c'] });
    for (const bad of ['', 'a..b', '.a', 'a.', 'a[', 'a[]', 'a[0]b']) expect(parseConfigPath(bad).ok, bad).toBe(false);
  });
  it('formats back to the issue form', () => {
    expect(formatConfigPath(['models', 'providers', 'amazon-bedrock', 'models', 0, 'id'])).toBe('models.providers["amazon-bedrock"].models[0].id');
  });
});

describe('property: random edits', () => {
  const key = fc.oneof(fc.constantFrom('models', 'bedrockDiscovery', 'providers', 'amazon-bedrock', 'id', 'cost', 'x-y', 'with space', "q'uote"), fc.string({ maxLength: 6 }).filter((s) => s.length > 0));
  const segment = fc.oneof(key, fc.nat({ max: 3 }));
  const value = fc.oneof(fc.constant(undefined), fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.parse(JSON.stringify(v)) as unknown));
  const edit = fc.tuple(fc.array(segment, { minLength: 1, maxLength: 5 }), value);

  it('never crash, never produce an unparsable file, never drop an unknown key', () => {
    fc.assert(
      fc.property(fc.constantFrom(...NAMES), fc.array(edit, { minLength: 1, maxLength: 6 }), (name, edits) => {
        let text = fixture(name);
        for (const [path, v] of edits) {
          const before = JSON5.parse(text);
          const result = editConfigText(text, path, v);
          if (!result.ok) continue; // refused: nothing changed
          const after = JSON5.parse(result.text); // must parse
          // Unknown top-level sections survive unless the edit targeted them.
          for (const top of ['gateway', 'channels']) {
            if (path[0] !== top && before[top] !== undefined) expect(after[top]).toEqual(before[top]);
          }
          text = result.text;
        }
      }),
      { numRuns: 150 },
    );
  });
});

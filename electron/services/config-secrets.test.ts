// Secrets of the config never reach the renderer: masks keep every other byte, come back as the
// real secret only at their own field, and anything else hidden is refused at its line.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import JSON5 from 'json5';
import { describe, expect, it } from 'vitest';
import { findSecrets, hideSecrets, isSecretKey, looksHidden, maskConfigText, maskOf, restoreConfigText } from './config-secrets';
import { scanStrings } from './config-strings';
import type { PathSegment } from './config-path';

const FIXTURES = join(import.meta.dirname, 'fixtures/config');
const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');

const OPENAI = 'sk-test-SECRET1234567890';
const TELEGRAM = '123456:telegram-bot-token';
const CONFIG = `// Moltbot config with other providers' keys
{
  gateway: { auth: { token: "gw-token-abcdef", password: 'hunter2!' } },
  channels: {
    telegram: { botToken: '${TELEGRAM}' }, // from BotFather
    discord: [{ token: "discord-one-111" }, { token: "discord-two-222" }],
  },
  env: { OPENAI_API_KEY: "${OPENAI}", ANTHROPIC_API_KEY: "\${ANTHROPIC_API_KEY}" },
  models: {
    providers: {
      openai: { baseUrl: 'https://api.openai.com/v1', apiKey: "${OPENAI}" },
      anthropic: { apiKey: '\${ANTHROPIC_API_KEY}', headers: { Authorization: "Bearer abc.def.ghi", "x-api-key": 'xk-1' } },
      "amazon-bedrock": { api: "bedrock-converse-stream", auth: "aws-sdk", models: [{ id: "amazon.nova-micro-v1:0", maxTokens: 4096 }] },
    },
  },
  tools: { web: { apiKeys: ["brave-key-1", "brave-key-2"], tokenizer: 'cl100k', clientSecret: '' } },
}
`;
const SECRETS = [OPENAI, TELEGRAM, 'gw-token-abcdef', 'hunter2!', 'discord-one-111', 'discord-two-222', 'Bearer abc.def.ghi', 'xk-1', 'brave-key-1', 'brave-key-2'];

/** The text with each secret literal's content replaced by its mask, by plain string replacement. */
function expectedMasked(text: string, secrets: string[]): string {
  let out = text;
  for (const secret of secrets) out = out.split(secret).join(maskOf(secret));
  return out;
}

describe('the mask', () => {
  it('is readable, stable per value and different per value', () => {
    expect(maskOf(OPENAI)).toMatch(/^••••••••[0-9a-f]{6} \(hidden\)$/);
    expect(maskOf(OPENAI)).toBe(maskOf(OPENAI));
    expect(maskOf(OPENAI)).not.toBe(maskOf(`${OPENAI}x`));
    expect(looksHidden(maskOf(OPENAI))).toBe(true);
    expect(looksHidden(maskOf(OPENAI).slice(1))).toBe(true);
    expect(looksHidden(maskOf(OPENAI).replace(' (hidden)', ''))).toBe(true);
    expect(looksHidden(maskOf(OPENAI).replace(/[0-9a-f]{6}/, 'zzz'))).toBe(true);
    expect(looksHidden('sk-plain')).toBe(false);
    expect(looksHidden('•••••• (a placeholder)')).toBe(false);
  });

  it('knows secret key names, not their look-alikes', () => {
    for (const key of ['apiKey', 'api_key', 'OPENAI_API_KEY', 'x-api-key', 'token', 'botToken', 'sessionToken', 'secret', 'clientSecret', 'password', 'passwd', 'privateKey', 'accessKeyId', 'secretAccessKey', 'Authorization', 'cookie']) {
      expect(isSecretKey(key), key).toBe(true);
    }
    for (const key of ['maxTokens', 'tokenizer', 'auth', 'baseUrl', 'id', 'apiKeyFile', 'contextWindow', 'secretRef']) expect(isSecretKey(key), key).toBe(false);
  });
});

describe('maskConfigText', () => {
  it('changes only the secret literals: nested providers, channels, env, headers, arrays; comments and quotes kept', () => {
    const masked = maskConfigText(CONFIG);
    expect(masked).toBe(expectedMasked(CONFIG, SECRETS));
    for (const secret of SECRETS) expect(masked).not.toContain(secret);
    expect(masked).toContain('// from BotFather');
    expect(masked).toContain(`apiKey: "${maskOf(OPENAI)}" }`);
    expect(masked).toContain(`botToken: '${maskOf(TELEGRAM)}' }`);
  });

  it('leaves env references, empty values, managed fields and numbers readable', () => {
    const masked = maskConfigText(CONFIG);
    expect(masked).toContain(`apiKey: '\${ANTHROPIC_API_KEY}'`);
    expect(masked).toContain('ANTHROPIC_API_KEY: "${ANTHROPIC_API_KEY}"');
    expect(masked).toContain("clientSecret: ''");
    expect(masked).toContain('auth: "aws-sdk"');
    expect(masked).toContain('maxTokens: 4096');
    expect(masked).toContain("tokenizer: 'cl100k'");
    // A literal around a reference is still a secret.
    expect(maskConfigText('{ token: "abc-${X}" }')).toBe(`{ token: "${maskOf('abc-${X}')}" }`);
  });

  it('masks a secret repeated outside its field: another value, inside a longer string, a comment', () => {
    const text = `{\n  apiKey: '${OPENAI}', // was ${OPENAI}\n  note: "${OPENAI}",\n  url: 'https://x.test/?key=${OPENAI}',\n}\n`;
    const masked = maskConfigText(text);
    expect(masked).not.toContain(OPENAI);
    expect(masked).toBe(expectedMasked(text, [OPENAI]));
  });

  it('masks a file that does not parse, and the fixtures keep every other byte', () => {
    const broken = `{\n  models: { providers: { openai: { apiKey: '${OPENAI}' baseUrl: 'x' } },\n  channels: { telegram: { botToken: "${TELEGRAM}\n`;
    expect(() => JSON5.parse(broken)).toThrow();
    expect(maskConfigText(broken)).toBe(expectedMasked(broken, [OPENAI, TELEGRAM]));
    for (const name of ['commented.json5', 'compact-inline.json5', 'strict-json.json']) {
      const text = fixture(name);
      const secrets = findSecrets(text).map((s) => s.value);
      expect(maskConfigText(text)).toBe(expectedMasked(text, secrets));
    }
    expect(findSecrets(fixture('commented.json5')).map((s) => s.value).sort()).toEqual(['sk-other-provider', 'telegram-token-xyz']);
  });
});

describe('restoreConfigText', () => {
  const known = findSecrets(CONFIG);
  const masked = maskConfigText(CONFIG);

  it('round trip: the masked text comes back byte for byte', () => {
    expect(restoreConfigText(masked, known)).toEqual({ text: CONFIG, issues: [] });
    for (const name of ['commented.json5', 'compact-inline.json5', 'strict-json.json']) {
      const text = fixture(name);
      expect(restoreConfigText(maskConfigText(text), findSecrets(text))).toEqual({ text, issues: [] });
    }
    const repeated = `{\n  apiKey: '${OPENAI}', // was ${OPENAI}\n  url: 'https://x.test/?key=${OPENAI}',\n}\n`;
    expect(restoreConfigText(maskConfigText(repeated), findSecrets(repeated))).toEqual({ text: repeated, issues: [] });
  });

  it('restores after keys and blocks are moved, and after array items are reordered', () => {
    const mask = maskOf(OPENAI);
    const moved = masked
      .replace(`      openai: { baseUrl: 'https://api.openai.com/v1', apiKey: "${mask}" },\n`, '')
      .replace('    providers: {\n', `    providers: {\n      openai: {\n        apiKey: "${mask}", // moved\n        baseUrl: 'https://api.openai.com/v1',\n      },\n`)
      .replace(/discord: \[(\{[^}]*\}), (\{[^}]*\})\]/, 'discord: [$2, $1]');
    expect(moved).not.toBe(masked);
    const restored = restoreConfigText(moved, known);
    expect(restored.issues).toEqual([]);
    expect(JSON5.parse(restored.text)).toEqual(JSON5.parse(CONFIG.replace(/discord: \[(\{[^}]*\}), (\{[^}]*\})\]/, 'discord: [$2, $1]')));
    expect(restored.text).toContain(`apiKey: "${OPENAI}", // moved`);
  });

  it('keeps a value the user typed, and a secret field the user removed stays removed', () => {
    const typed = masked.replace(`apiKey: "${maskOf(OPENAI)}"`, 'apiKey: "sk-new-typed-value"').replace(`password: '${maskOf('hunter2!')}'`, `password: 'secret \\'quoted\\''`);
    const restored = restoreConfigText(typed, known);
    expect(restored.issues).toEqual([]);
    expect(JSON5.parse(restored.text).models.providers.openai.apiKey).toBe('sk-new-typed-value');
    expect(JSON5.parse(restored.text).gateway.auth).toEqual({ token: 'gw-token-abcdef', password: "secret 'quoted'" });
    // The env copy of the same key is a field of its own and still restores.
    expect(JSON5.parse(restored.text).env.OPENAI_API_KEY).toBe(OPENAI);
  });

  it('restores in the quote style the user gave the mask', () => {
    const text = `{ apiKey: 'it\\'s-a-secret' }`;
    const shown = maskConfigText(text).replace(/'/g, '"');
    expect(restoreConfigText(shown, findSecrets(text)).text).toBe(`{ apiKey: "it's-a-secret" }`);
  });

  it('refuses a mask under another path, at its line and field', () => {
    const pasted = masked.replace("baseUrl: 'https://api.openai.com/v1'", `baseUrl: '${maskOf(OPENAI)}'`);
    const { issues } = restoreConfigText(pasted, known);
    expect(issues).toHaveLength(1);
    const line = pasted.split('\n').findIndex((l) => l.includes("openai: { baseUrl: '••")) + 1;
    expect(issues[0]).toMatchObject({ path: 'models.providers.openai.baseUrl', severity: 'error', line });
    expect(issues[0]!.message).toMatch(/hidden value of (env\.OPENAI_API_KEY|models\.providers\.openai\.apiKey)/);
    expect(issues[0]!.column).toBe(pasted.split('\n')[line - 1]!.indexOf("'••") + 1);
    // A provider renamed is another path too.
    expect(restoreConfigText(masked.replace('openai: {', 'openai2: {'), known).issues).toMatchObject([{ path: 'models.providers.openai2.apiKey' }]);
  });

  it('refuses a mask whose secret is gone from the base, an edited mask, and a stray mask in a comment', () => {
    const withoutKey = findSecrets(CONFIG.replace(`botToken: '${TELEGRAM}'`, "botToken: '${TELEGRAM_TOKEN}'"));
    expect(restoreConfigText(masked, withoutKey).issues).toMatchObject([{ path: 'channels.telegram.botToken', message: expect.stringMatching(/no longer in the file/) }]);
    const edited = masked.replace(maskOf(TELEGRAM), maskOf(TELEGRAM).replace('(hidden)', '(hidden)x'));
    expect(restoreConfigText(edited, known).issues).toMatchObject([{ path: 'channels.telegram.botToken', message: expect.stringMatching(/not a whole hidden value/) }]);
    const stray = masked.replace('// from BotFather', `// old: ${maskOf('gone-secret-value')}`);
    expect(restoreConfigText(stray, known).issues).toMatchObject([{ path: '', message: expect.stringMatching(/outside any value/) }]);
    // Nothing of it is restored as a secret: the issues block the save.
    expect(restoreConfigText(masked, []).issues.length).toBe(known.length);
  });

  it('restores the secrets of a file that did not parse once it is fixed', () => {
    const broken = `{\n  models: { providers: { openai: { apiKey: '${OPENAI}' baseUrl: 'x' } } },\n}\n`;
    const fixed = maskConfigText(broken).replace("' baseUrl", "', baseUrl");
    const restored = restoreConfigText(fixed, findSecrets(broken));
    expect(restored).toEqual({ text: broken.replace("' baseUrl", "', baseUrl"), issues: [] });
  });
});

describe('hideSecrets', () => {
  it('replaces secrets quoted in a message by their masks', () => {
    expect(hideSecrets(`bad value "${OPENAI}" here`, findSecrets(CONFIG))).toBe(`bad value "${maskOf(OPENAI)}" here`);
  });
});

describe('properties', () => {
  const keys = fc.constantFrom('apiKey', 'token', 'botToken', 'password', 'name', 'id', 'baseUrl', 'providers', 'x-api-key', 'models', "it's", 'a b');
  const json = fc.letrec<{ node: unknown }>((tie) => ({
    node: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.string({ maxLength: 12 }),
      fc.constantFrom('${OPENAI_API_KEY}', '', 'sk-secret-value-1', 'x\\y"z\'w\u2028'),
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
      fc.array(tie('node'), { maxLength: 3 }),
      fc.dictionary(keys, tie('node'), { maxKeys: 4 }),
    ),
  })).node;
  const document = fc.dictionary(keys, json, { maxKeys: 5 });
  const style = fc.record({ space: fc.constantFrom(0, 2, '\t'), quote: fc.constantFrom('"', "'") });

  /** Every string value JSON5 reads, with its path. */
  function stringsOf(node: unknown, path: PathSegment[] = []): Array<[PathSegment[], string]> {
    if (typeof node === 'string') return [[path, node]];
    if (Array.isArray(node)) return node.flatMap((item, i) => stringsOf(item, [...path, i]));
    if (node && typeof node === 'object') return Object.entries(node).flatMap(([k, v]) => stringsOf(v, [...path, k]));
    return [];
  }

  it('the scan finds exactly the string values JSON5 reads, at the same paths', () => {
    fc.assert(
      fc.property(document, style, (doc, { space, quote }) => {
        const text = JSON5.stringify(doc, { space, quote });
        const scanned = scanStrings(text).filter((s) => s.role === 'value').map((s) => [s.path, s.value]);
        expect(scanned).toEqual(stringsOf(JSON5.parse(text)));
      }),
      { numRuns: 300 },
    );
  });

  it('mask then restore gives the text back byte for byte; the masked text means the same but for secrets', () => {
    fc.assert(
      fc.property(document, style, fc.boolean(), (doc, { space, quote }, comment) => {
        const text = `${comment ? '// header\n' : ''}${JSON5.stringify(doc, { space, quote })}\n`;
        const masked = maskConfigText(text);
        const secrets = findSecrets(text);
        for (const secret of secrets) if (secret.value.length >= 8) expect(masked).not.toContain(secret.value);
        expect(restoreConfigText(masked, secrets)).toEqual({ text, issues: [] });
        const shown = new Map(stringsOf(JSON5.parse(masked)).map(([p, v]) => [JSON.stringify(p), v]));
        for (const [path, value] of stringsOf(JSON5.parse(text))) {
          const isSecret = secrets.some((s) => JSON.stringify(s.path) === JSON.stringify(path));
          expect(shown.get(JSON.stringify(path))).toBe(isSecret ? maskOf(value) : value);
        }
      }),
      { numRuns: 300 },
    );
  });
});

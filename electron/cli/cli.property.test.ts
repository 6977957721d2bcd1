// Property tests on the CLI's front door: whatever argv a user (or a script) passes, parseCli
// answers a usage error or a well-formed command and never throws; runCli — in-process, with its io
// captured, against the emulator — exits 0, 1 or 2 and never lets an exception escape. Writes are
// confined to a temp dir: every --config value is an absolute path inside it.
import fc from 'fast-check';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMULATOR_CREDENTIALS, startEmulator, type Emulator } from '../emulator/index.ts';
import { parseCli, type Command } from './args';
import { runCli } from './main';
import { emulatorEndpoints } from '../emulator/test-env.ts';

// One seed per file, printed on any failure (fast-check prints it too for a counterexample):
// replay a failing run with FC_SEED=<seed> npx vitest run electron/cli/cli.property.test.ts
const SEED = process.env.FC_SEED ? Number(process.env.FC_SEED) : (Date.now() ^ (Math.random() * 0x100000000)) | 0;

const COMMAND_NAMES: Command['name'][] = ['help', 'whoami', 'models-list', 'models-refresh', 'chat', 'config-get', 'config-set', 'config-unset', 'config-validate', 'config-file'];

let dir: string;
let emulator: Emulator;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bd-cli-prop-'));
  writeFileSync(join(dir, 'valid.json5'), '{ models: { bedrockDiscovery: { enabled: true } } }\n');
  writeFileSync(join(dir, 'broken.json5'), '{ models: { ,, }\n');
  writeFileSync(join(dir, 'note.txt'), 'a small document\n');
  emulator = await startEmulator();
});
afterAll(async () => {
  await emulator?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Words a real command line is made of, plus noise: the parser meets both. */
const word = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('whoami', 'models', 'list', 'refresh', 'chat', 'config', 'get', 'set', 'unset', 'validate', 'file', 'help', 'models.bedrockDiscovery.enabled', 'agents.defaults.model.primary', 'true', '0', '-1', '1e9', 'NaN', '', ' ', 'amazon.nova-micro-v1:0', '{', '[1,', '"x"', '日本語', '\u0000', 'a.b[0].c', '__proto__.x', 'constructor.prototype') },
  { weight: 4, arbitrary: fc.constantFrom('--json', '--all', '--strict-json', '--help', '-h', '--model', '-m', '--system', '-s', '--max-tokens', '--temperature', '--top-p', '--stop', '--reasoning-budget', '--region', '--profile', '--', '-', '--unknown', '-x', '--json=false', '--max-tokens=12', '--temperature=2', '--profile=bad name', '--model=') },
  { weight: 2, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 8 }) },
);

/** argv for the parser: anything at all, including --config and --sandbox (nothing runs). */
const parserArgv = fc.array(fc.oneof(word, fc.constantFrom('--config', '--sandbox', '--image', '--document', '--config=x')), { maxLength: 10 });

describe('parseCli (fast-check)', () => {
  it('never throws: a usage error with a message, or a command of a known shape', () => {
    fc.assert(
      fc.property(parserArgv, (argv) => {
        const parsed = parseCli(argv);
        if (!parsed.ok) {
          expect(typeof parsed.message).toBe('string');
          expect(parsed.message.length).toBeGreaterThan(0);
          return;
        }
        expect(COMMAND_NAMES).toContain(parsed.command.name);
        expect(typeof parsed.global.sandbox).toBe('boolean');
        const c = parsed.command;
        if (c.name === 'chat') {
          expect(c.model.length).toBeGreaterThan(0);
          expect(c.prompt.trim().length).toBeGreaterThan(0);
          if (c.maxTokens !== undefined) expect(Number.isInteger(c.maxTokens) && c.maxTokens > 0).toBe(true);
          if (c.temperature !== undefined) expect(c.temperature >= 0 && c.temperature <= 1).toBe(true);
          if (c.topP !== undefined) expect(c.topP >= 0 && c.topP <= 1).toBe(true);
          if (c.reasoningBudget !== undefined) expect(Number.isInteger(c.reasoningBudget) && c.reasoningBudget >= 1024).toBe(true);
          for (const s of c.stopSequences ?? []) expect(s.length).toBeGreaterThan(0);
        }
        if (parsed.global.profile !== undefined) expect(parsed.global.profile).toMatch(/^[A-Za-z0-9_.@+-]{1,128}$/);
      }),
      { numRuns: 2_000 },
    );
  });

  it('is deterministic: the same argv parses the same way', () => {
    fc.assert(
      fc.property(parserArgv, (argv) => {
        expect(parseCli([...argv])).toEqual(parseCli([...argv]));
      }),
      { numRuns: 300 },
    );
  });
});

/** Real command lines: the runs start from these, so whoami, models, chat and config actually run. */
const SKELETONS: string[][] = [
  ['whoami'], ['whoami', '--json'], ['models', 'list'], ['models', 'list', '--all', '--json'], ['models', 'refresh'],
  ['chat', '--model', 'amazon.nova-micro-v1:0', 'hello'], ['chat', '--json', '-m', 'amazon.nova-micro-v1:0', 'hi'], ['chat', '--model', 'no.such-model', 'hi'],
  ['config', 'get'], ['config', 'set', 'models.bedrockDiscovery.enabled', 'false'], ['config', 'unset', 'models'], ['config', 'validate'], ['config', 'file'],
];

/**
 * runCli over 100 generated argv plus every skeleton as is (and one usage error), so the
 * coverage checks at the end hold for every seed: random tails turn most skeletons into usage
 * errors, and from random runs alone about 1 seed in 11 reached fewer than 5 commands.
 */
async function checkRunCli(seed: number): Promise<void> {
  emulator.setScript({ tokens: 3 });
  // Files the commands may read or write: all inside the temp dir.
  const safeValue = fc.constantFrom(join(dir, 'valid.json5'), join(dir, 'broken.json5'), join(dir, 'new.json5'), join(dir, 'missing', 'deep.json5'), dir);
  const noise = fc.array(
    fc.oneof(
      { weight: 8, arbitrary: word.filter((w) => !w.startsWith('--config') && !w.startsWith('--image') && !w.startsWith('--document') && !w.startsWith('--sandbox')) },
      { weight: 1, arbitrary: safeValue.map((p) => ['--config', p]) },
      { weight: 1, arbitrary: fc.constantFrom(['--image', join(dir, 'note.txt')], ['--document', join(dir, 'note.txt')], ['--document', join(dir, 'absent.pdf')]) },
    ),
    { maxLength: 8 },
  ).map((parts) => parts.flat());
  // Half the runs start from a real command.
  const runArgv = fc.oneof(noise, fc.tuple(fc.constantFrom(...SKELETONS), noise).map(([head, tail]) => [...head, ...tail.slice(0, 3)]));
  const examples: [string[]][] = [...SKELETONS.map((argv): [string[]] => [[...argv]]), [['--unknown']]];
  const escaped: unknown[] = [];
  const onRejection = (reason: unknown) => void escaped.push(reason);
  process.on('unhandledRejection', onRejection);
  const codes = new Map<string, Set<number>>();
  try {
    await fc.assert(
      fc.asyncProperty(runArgv, async (argv) => {
        let stdout = '';
        let stderr = '';
        const home = mkdtempSync(join(dir, 'home-'));
        let code: number;
        try {
          code = await runCli(argv, {
            env: {
              HOME: home,
              BEDROCK_DESK_DATA_DIR: join(home, 'data'),
              AWS_CONFIG_FILE: join(home, 'aws-config'),
              AWS_SHARED_CREDENTIALS_FILE: join(home, 'aws-credentials'),
              AWS_ACCESS_KEY_ID: EMULATOR_CREDENTIALS.accessKeyId,
              AWS_SECRET_ACCESS_KEY: EMULATOR_CREDENTIALS.secretAccessKey,
              AWS_REGION: 'us-east-1',
              AWS_EC2_METADATA_DISABLED: 'true',
              ...emulatorEndpoints(emulator.url),
            },
            stdout: { write: (chunk: string) => (stdout += chunk) },
            stderr: { write: (chunk: string) => (stderr += chunk) },
          });
        } catch (error) {
          throw new Error(`runCli threw for ${JSON.stringify(argv)}: ${String((error as Error)?.stack ?? error)}`);
        }
        expect([0, 1, 2], `argv ${JSON.stringify(argv)} → ${code}\n${stderr}`).toContain(code);
        const parsed = parseCli(argv);
        const name = parsed.ok ? parsed.command.name : 'usage';
        codes.set(name, (codes.get(name) ?? new Set()).add(code));
        if (code === 2) {
          expect(stderr).toMatch(/^bedrock-desk: \S[\s\S]*\n\nUsage: bedrock-desk/);
        }
        if (code === 1) expect(stderr.length, `argv ${JSON.stringify(argv)} failed silently`).toBeGreaterThan(0);
      }),
      { numRuns: 100, seed, examples },
    );
    await new Promise((r) => setTimeout(r, 50));
    expect(escaped, `seed ${seed}`).toEqual([]);
    // Both sides of the parser are reached, and every command ran, succeeding and failing.
    const seen = Object.fromEntries([...codes].map(([k, v]) => [k, [...v].sort()]));
    expect(seen.usage, `seed ${seed}: ${JSON.stringify(seen)}`).toEqual([2]);
    const ran = [...codes.keys()].filter((k) => k !== 'usage' && k !== 'help').sort();
    expect(ran, `seed ${seed}: ${JSON.stringify(seen)}`).toEqual(COMMAND_NAMES.filter((n) => n !== 'help').sort());
    expect([...codes.values()].some((v) => v.has(0)) && [...codes.values()].some((v) => v.has(1)), `seed ${seed}: ${JSON.stringify(seen)}`).toBe(true);
  } finally {
    process.off('unhandledRejection', onRejection);
  }
}

describe('runCli in-process (fast-check)', () => {
  it('exit code 0, 1 or 2 for any argv; usage errors (2) print the usage; never an uncaught exception', { timeout: 120_000 }, async () => {
    await checkRunCli(SEED);
  });

  // Seeds whose random runs alone reached only 4 commands ("expected 4 to be greater than or
  // equal to 5"); 830666089 is the one caught failing under load, 1 and 14 fail the same way alone.
  it.each([830666089, 1, 14])('covers every command with seed %i', { timeout: 120_000 }, async (seed) => {
    await checkRunCli(seed);
  });
});

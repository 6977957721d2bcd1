// Each test gets its own emulator (in-process, so it can script faults and read the requests
// it received) and its own web host process with a temp HOME and data dir, pointed at the
// emulator the way a user would: the AWS SDK's own endpoint variables and env credentials.
import { test as base, expect } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { createAwsHome, type AwsHomeScenario } from '../electron/emulator/aws-home.ts';
import { startEmulator, type Emulator, type EmulatorOptions } from '../electron/emulator/index.ts';
import { webHostEnv } from '../electron/emulator/test-env.ts';

export interface AppHost {
  url: string;
  origin: string;
  token: string;
  home: string;
  dataDir: string;
  /** Everything the host process wrote to stdout and stderr. */
  output(): string;
}

export interface AppOptions {
  /** Extra environment for the host (credentials, region…); `null` removes a variable. */
  env: Record<string, string | null>;
  args: string[];
  /** Scenarios of `electron/emulator/aws-home.ts` written into the temp HOME before the host starts. */
  awsHome?: AwsHomeScenario[];
  /** Files to write under the temp HOME before the host starts (path relative to HOME → content). */
  homeFiles?: Record<string, string>;
}

const ROOT = join(import.meta.dirname, '..');

export async function launchWebHost(env: Record<string, string | undefined>, args: string[]): Promise<{ child: ChildProcess; ready: { url: string; origin: string; token: string }; output: () => string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'electron', 'web-main.ts'), '--port', '0', ...args], {
    cwd: ROOT,
    env: { ...env, BEDROCK_DESK_READY_JSON: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stderr!.on('data', (chunk) => (output += chunk));
  const lines = createInterface({ input: child.stdout! });
  const ready = await new Promise<{ url: string; origin: string; token: string }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`web host did not start:\n${output}`)), 30_000);
    lines.once('line', (line) => {
      clearTimeout(timer);
      resolve(JSON.parse(line));
    });
    child.once('exit', (code) => reject(new Error(`web host exited with ${code}:\n${output}`)));
  });
  lines.on('line', (line) => (output += line + '\n'));
  return { child, ready, output: () => output };
}

export const test = base.extend<{ emulator: Emulator; emulatorOptions: EmulatorOptions; appOptions: AppOptions; app: AppHost }>({
  /** Extra options for the per-test emulator (e.g. additional keys or bearer tokens it accepts). */
  emulatorOptions: [{}, { option: true }],
  emulator: async ({ emulatorOptions }, use) => {
    const emulator = await startEmulator({ ...emulatorOptions, port: 0 });
    await use(emulator);
    await emulator.close();
  },
  appOptions: [{ env: {}, args: [] }, { option: true }],
  app: async ({ emulator, appOptions }, use) => {
    const home = await mkdtemp(join(tmpdir(), 'bd-e2e-home-'));
    const dataDir = join(home, 'data');
    const env = webHostEnv(emulator.url, home);
    if (appOptions.awsHome) createAwsHome(appOptions.awsHome, { dir: home });
    for (const [path, content] of Object.entries(appOptions.homeFiles ?? {})) {
      await mkdir(dirname(join(home, path)), { recursive: true });
      await writeFile(join(home, path), content, { mode: 0o600 });
    }
    for (const [key, value] of Object.entries(appOptions.env)) {
      if (value === null) delete env[key];
      else env[key] = value;
    }
    const { child, ready, output } = await launchWebHost(env, appOptions.args);
    await use({ ...ready, home, dataDir, output });
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    await rm(home, { recursive: true, force: true });
  },
});

export { expect };

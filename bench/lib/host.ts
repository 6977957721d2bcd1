// The app under test: the web host as its own process (as `npm start -- --web` runs it), pointed
// at an in-process emulator through the SDK's own endpoint variables, with a temp HOME and data
// dir. Everything started here is registered for cleanup, so a failed or
// timed-out run leaves no process behind.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Emulator } from '../../electron/emulator/index.ts';
import { webHostEnv } from '../../electron/emulator/test-env.ts';
import { epochNow } from './stats.ts';

export const ROOT = join(import.meta.dirname, '..', '..');

type Cleanup = () => Promise<void> | void;
const cleanups = new Set<Cleanup>();

/** Registers `fn` to run at the end (or on abort); returns a function that runs it now, once. */
export function onCleanup(fn: Cleanup): () => Promise<void> {
  let done = false;
  const run = async () => {
    if (done) return;
    done = true;
    cleanups.delete(run);
    await fn();
  };
  cleanups.add(run);
  return run;
}

export async function cleanupAll(): Promise<void> {
  for (const run of [...cleanups].reverse()) {
    try {
      await run();
    } catch {
      // best effort: keep cleaning the rest
    }
  }
}

export async function tempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  onCleanup(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

export interface WebHost {
  url: string;
  origin: string;
  token: string;
  home: string;
  /** Epoch ms (this process's clock) just before the host process was spawned. */
  spawnedAt: number;
  /** Epoch ms when it printed its ready line. */
  readyAt: number;
  output(): string;
  stop(): Promise<void>;
}

function killChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 3_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** Spawns `node --import tsx electron/web-main.ts` and waits for its ready line (as e2e/fixtures.ts does). */
export async function startWebHost(emulator: Pick<Emulator, 'url'>, opts: { home?: string; args?: string[] } = {}): Promise<WebHost> {
  const home = opts.home ?? (await tempDir('bd-bench-home-'));
  const spawnedAt = epochNow();
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'electron', 'web-main.ts'), '--port', '0', ...(opts.args ?? [])], {
    cwd: ROOT,
    env: { ...webHostEnv(emulator.url, home), BEDROCK_DESK_READY_JSON: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stop = onCleanup(() => killChild(child));
  let output = '';
  child.stderr!.on('data', (chunk) => (output += chunk));
  const lines = createInterface({ input: child.stdout! });
  try {
    const ready = await new Promise<{ url: string; origin: string; token: string }>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`web host did not start in 30 s:\n${output}`)), 30_000);
      lines.once('line', (line) => {
        clearTimeout(timer);
        try {
          resolve(JSON.parse(line));
        } catch {
          reject(new Error(`unexpected ready line: ${line}\n${output}`));
        }
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`web host exited with ${code}:\n${output}`));
      });
    });
    const readyAt = epochNow();
    lines.on('line', (line) => (output += line + '\n'));
    return { ...ready, home, spawnedAt, readyAt, output: () => output, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Calls an invoke channel of the web host from Node (token header instead of the page's cookie). */
export async function invoke<T>(host: Pick<WebHost, 'origin' | 'token'>, channel: string, request: unknown): Promise<T> {
  const response = await fetch(`${host.origin}/api/invoke/${encodeURIComponent(channel)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-bedrock-desk-token': host.token },
    body: JSON.stringify(request),
  });
  if (!response.ok) throw new Error(`${channel}: HTTP ${response.status}`);
  const result = (await response.json()) as { ok: true; value: T } | { ok: false; error: { code: string; message: string } };
  if (!result.ok) throw new Error(`${channel}: ${result.error.code}: ${result.error.message}`);
  return result.value;
}

// For tests: the real web host over a real backend whose session reaches an in-process emulator,
// serving a minimal static root from a temp dir. One place builds and tears it down.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createBackend, type Backend } from '../backend/backend.ts';
import { startEmulator, type Emulator } from '../emulator/index.ts';
import { emulatorEnv } from '../emulator/test-env.ts';
import { startWebHost, type WebHost } from './web-host.ts';

export interface WebHostHarness {
  emulator: Emulator;
  backend: Backend;
  host: WebHost;
  /** The temp dir: HOME of the session, `static/` (the served root) and `data/`. */
  dir: string;
  close(): Promise<void>;
}

export async function startWebHostHarness(opts: { prefix: string; watchAwsFiles?: boolean; files?: Record<string, string> }): Promise<WebHostHarness> {
  const emulator = await startEmulator({ port: 0 });
  const dir = await mkdtemp(join(tmpdir(), opts.prefix));
  let backend: Backend | undefined;
  let host: WebHost | undefined;
  const close = async () => {
    await host?.close();
    await backend?.dispose();
    await emulator.close();
    await rm(dir, { recursive: true, force: true });
  };
  try {
    const files = { 'static/index.html': '<!doctype html><title>Bedrock Desk</title>', ...opts.files };
    for (const [path, content] of Object.entries(files)) {
      await mkdir(dirname(join(dir, path)), { recursive: true });
      await writeFile(join(dir, path), content);
    }
    backend = await createBackend({
      session: { env: emulatorEnv(emulator.url, dir), dataDir: join(dir, 'data'), ...(opts.watchAwsFiles === undefined ? {} : { watchAwsFiles: opts.watchAwsFiles }) },
    });
    host = await startWebHost({ backend, staticDir: join(dir, 'static') });
    return { emulator, backend, host, dir, close };
  } catch (error) {
    // A half-built harness leaves nothing running behind it.
    await close();
    throw error;
  }
}

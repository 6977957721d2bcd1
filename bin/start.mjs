#!/usr/bin/env node
// `npm start`: the Electron app where its binary exists, else (or with --web) the web host.
// Builds the renderer first when its sources are newer than the last build.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import './quiet-sdk-notice.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const forceWeb = args.includes('--web');
const hostArgs = args.filter((arg) => arg !== '--web');

function newestMtime(path) {
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
}

function buildIfStale(output, sources, script) {
  const built = existsSync(output) ? statSync(output).mtimeMs : 0;
  if (sources.some((source) => newestMtime(join(root, source)) > built)) {
    // Under `npm start`, npm names its own entry point; run directly, fall back to npm on PATH.
    const npm = process.env.npm_execpath ? [process.execPath, process.env.npm_execpath] : ['npm'];
    const result = spawnSync(npm[0], [...npm.slice(1), 'run', '--silent', script], { cwd: root, stdio: 'inherit' });
    if (result.status !== 0) process.exit(result.status ?? 1);
  }
}

/** The Electron binary's path, or why there is none. */
function findElectron() {
  try {
    const binary = createRequire(import.meta.url)('electron');
    if (typeof binary === 'string' && existsSync(binary)) {
      if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) return { missing: 'there is no display' };
      return { binary };
    }
  } catch {
    // electron's index.js throws when its binary was never downloaded
  }
  return { missing: 'its binary is not installed, and it cannot be downloaded on this machine' };
}

buildIfStale(join(root, 'dist', 'renderer', 'index.html'), ['renderer', 'shared', 'vite.config.ts'], 'build:renderer');

const electron = forceWeb ? { missing: '--web was given' } : findElectron();
if (electron.binary) {
  buildIfStale(join(root, 'dist-electron', 'main.mjs'), ['electron', 'shared'], 'build:electron');
  const child = spawn(electron.binary, [root, ...hostArgs], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  console.log(`Electron is not available (${electron.missing}): starting the web host instead — open the URL below in a browser.`);
  const { register } = await import('tsx/esm/api');
  register();
  process.argv = [process.argv[0], join(root, 'electron', 'web-main.ts'), ...hostArgs];
  await import('../electron/web-main.ts');
}

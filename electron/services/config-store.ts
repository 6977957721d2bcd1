// Where the Moltbot config lives and what it says. Read side only: a file that does not parse
// is reported with its position and treated as empty — never rewritten or removed here.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import JSON5 from 'json5';
import type { ConfigView } from '../../shared/types';
import { primaryModelRef, type MoltbotConfig } from './config-model';

type Env = Record<string, string | undefined>;

export const OWN_CONFIG_NAME = 'bedrock-desk.json5';
const PATH_VARS = ['CLAWDBOT_CONFIG_PATH', 'MOLTBOT_CONFIG_PATH', 'OPENCLAW_CONFIG_PATH'] as const;
const STATE_DIR_VARS = ['CLAWDBOT_STATE_DIR', 'MOLTBOT_STATE_DIR', 'OPENCLAW_STATE_DIR'] as const;
const CONFIG_NAMES = ['moltbot.json', 'clawdbot.json', 'openclaw.json'];
/** Moltbot's state dirs across its renames (Clawdbot → Moltbot → OpenClaw). */
const HOME_STATE_DIRS = ['.clawdbot', '.moltbot', '.openclaw'];

export interface ConfigPathInputs {
  cliPath?: string;
  env: Env;
  dataDir: string;
}

function expandHome(path: string, env: Env): string {
  const home = env.HOME || env.USERPROFILE || homedir();
  return path === '~' || path.startsWith('~/') ? join(home, path.slice(1)) : path;
}

/** The Moltbot config files that may exist, in the order Moltbot's own lookup prefers them. */
export function moltbotConfigCandidates(env: Env): string[] {
  const home = env.HOME || env.USERPROFILE || homedir();
  const dirs = [
    ...STATE_DIR_VARS.map((name) => env[name]?.trim()).filter((dir): dir is string => !!dir).map((dir) => expandHome(dir, env)),
    ...HOME_STATE_DIRS.map((dir) => join(home, dir)),
  ];
  return dirs.flatMap((dir) => CONFIG_NAMES.map((name) => join(dir, name)));
}

/** --config, then the *_CONFIG_PATH variables, then an existing Moltbot config, else our own file. */
export function resolveConfigPath(inputs: ConfigPathInputs): string {
  const { env } = inputs;
  if (inputs.cliPath?.trim()) return resolve(expandHome(inputs.cliPath.trim(), env));
  for (const name of PATH_VARS) {
    const value = env[name]?.trim();
    if (value) return resolve(expandHome(value, env));
  }
  const existing = moltbotConfigCandidates(env).find((path) => existsSync(path));
  return existing ?? join(inputs.dataDir, OWN_CONFIG_NAME);
}

export interface LoadedConfig {
  view: ConfigView;
  /** The parsed file; `{}` when missing or unparsable. */
  config: MoltbotConfig;
}

interface Json5SyntaxError extends SyntaxError {
  lineNumber?: number;
  columnNumber?: number;
}

export async function loadConfig(path: string): Promise<LoadedConfig> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return { view: { path, exists: false, text: '' }, config: {} };
    }
    const reason = (error as Error).message;
    return { view: { path, exists: true, text: '', parseError: { message: `Cannot read the file: ${reason}`, line: 1, column: 1 } }, config: {} };
  }

  let parsed: unknown;
  try {
    parsed = text.trim() === '' ? {} : JSON5.parse(text);
  } catch (error) {
    const syntax = error as Json5SyntaxError;
    // json5 prefixes its message with "JSON5: "; the position is shown separately.
    const message = syntax.message.replace(/^JSON5:\s*/, '').replace(/ at \d+:\d+$/, '');
    return {
      view: { path, exists: true, text, parseError: { message, line: syntax.lineNumber ?? 1, column: syntax.columnNumber ?? 1 } },
      config: {},
    };
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    return {
      view: { path, exists: true, text, parseError: { message: 'The config must be an object ({ … }) at the top level.', line: 1, column: 1 } },
      config: {},
    };
  }
  const config = parsed as MoltbotConfig;
  const primary = primaryModelRef(config);
  return { view: { path, exists: true, text, ...(primary ? { primaryModel: primary } : {}) }, config };
}

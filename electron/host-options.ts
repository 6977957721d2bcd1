// Options shared by the two hosts of the renderer (Electron and the web host): which config
// file, region and data dir, and whether to run against the built-in emulator.
import { homedir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

export interface HostOptions {
  sandbox: boolean;
  configPath?: string;
  region?: string;
  port?: number;
  dataDir: string;
}

export function defaultDataDir(env: Record<string, string | undefined>): string {
  return env.BEDROCK_DESK_DATA_DIR || join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'bedrock-desk');
}

export function parseHostOptions(argv: string[], env: Record<string, string | undefined>): HostOptions {
  const { values } = parseArgs({
    args: argv,
    strict: false,
    options: {
      sandbox: { type: 'boolean' },
      config: { type: 'string' },
      region: { type: 'string' },
      port: { type: 'string' },
    },
  });
  const port = typeof values.port === 'string' ? Number(values.port) : undefined;
  if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535)) {
    throw new Error(`--port must be a number from 0 to 65535, not "${values.port}".`);
  }
  return {
    sandbox: values.sandbox === true,
    configPath: typeof values.config === 'string' ? values.config : undefined,
    region: typeof values.region === 'string' ? values.region : undefined,
    port,
    dataDir: defaultDataDir(env),
  };
}

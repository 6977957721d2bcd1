// Command-line parsing for `bedrock-desk`: node:util parseArgs plus the command shape checks,
// kept apart from the commands so usage errors are testable without AWS.
import { parseArgs } from 'node:util';

export type Command =
  | { name: 'help' }
  | { name: 'whoami'; json: boolean }
  | { name: 'models-list'; json: boolean }
  | { name: 'chat'; model: string; system?: string; maxTokens?: number; prompt: string }
  | { name: 'config-get'; path?: string };

export interface GlobalOptions {
  config?: string;
  region?: string;
  /** AWS profile to use, as if picked in the app (wins over AWS_PROFILE and env keys). */
  profile?: string;
  sandbox: boolean;
}

export type Parsed = { ok: true; command: Command; global: GlobalOptions } | { ok: false; message: string };

export const USAGE = `Usage: bedrock-desk <command> [options]

Commands:
  whoami [--json]                          Credential source, region and AWS identity
  models list [--json]                     Discovered and configured Bedrock models
  chat --model ID [--system S] [--max-tokens N] PROMPT
                                           Stream an answer (text to stdout, stats to stderr)
  config get [PATH]                        Print the config file path and a value (dot path)

Options (every command):
  --config FILE    Moltbot config file (default: $CLAWDBOT_CONFIG_PATH, ~/.clawdbot/moltbot.json, …)
  --region R       AWS region (overrides config and AWS_REGION)
  --profile NAME   AWS profile from ~/.aws/config or ~/.aws/credentials (as if picked in the app)
  --sandbox        Use the built-in Bedrock emulator instead of AWS (no account needed)
  -h, --help       Show this help
`;

export function parseCli(argv: string[]): Parsed {
  let values: Record<string, string | boolean | undefined>;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        config: { type: 'string' },
        region: { type: 'string' },
        profile: { type: 'string' },
        sandbox: { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
        model: { type: 'string', short: 'm' },
        system: { type: 'string', short: 's' },
        'max-tokens': { type: 'string' },
      },
    }));
  } catch (error) {
    return { ok: false, message: (error as Error).message };
  }

  const global: GlobalOptions = { sandbox: values.sandbox === true };
  if (typeof values.config === 'string') global.config = values.config;
  if (typeof values.region === 'string') global.region = values.region;
  if (typeof values.profile === 'string') {
    // The same rule the app's profile picker enforces (shared/schemas.ts).
    if (!/^[A-Za-z0-9_.@+-]{1,128}$/.test(values.profile)) return { ok: false, message: `--profile "${values.profile}" is not a valid profile name` };
    global.profile = values.profile;
  }
  const json = values.json === true;
  const [name, ...rest] = positionals;

  if (values.help === true || name === undefined || name === 'help') return { ok: true, command: { name: 'help' }, global };

  switch (name) {
    case 'whoami':
      if (rest.length > 0) return { ok: false, message: `whoami takes no arguments (got "${rest.join(' ')}")` };
      return { ok: true, command: { name: 'whoami', json }, global };
    case 'models':
      if (rest[0] !== 'list' || rest.length > 1) return { ok: false, message: 'expected "models list"' };
      return { ok: true, command: { name: 'models-list', json }, global };
    case 'config':
      if (rest[0] !== 'get' || rest.length > 2) return { ok: false, message: 'expected "config get [PATH]"' };
      return { ok: true, command: rest[1] ? { name: 'config-get', path: rest[1] } : { name: 'config-get' }, global };
    case 'chat': {
      const model = values.model;
      if (typeof model !== 'string' || !model) return { ok: false, message: 'chat needs --model ID' };
      const prompt = rest.join(' ').trim();
      if (!prompt) return { ok: false, message: 'chat needs a PROMPT' };
      const command: Command = { name: 'chat', model, prompt };
      if (typeof values.system === 'string') command.system = values.system;
      if (values['max-tokens'] !== undefined) {
        const maxTokens = Number(values['max-tokens']);
        if (!Number.isInteger(maxTokens) || maxTokens <= 0) return { ok: false, message: '--max-tokens must be a positive integer' };
        command.maxTokens = maxTokens;
      }
      return { ok: true, command, global };
    }
    default:
      return { ok: false, message: `unknown command "${name}"` };
  }
}

// Command-line parsing for `bedrock-desk`: node:util parseArgs plus the command shape checks,
// kept apart from the commands so usage errors are testable without AWS.
import { parseArgs } from 'node:util';
import type { ChatStartRequest } from '../../shared/ipc';
import type { ConfigCommand } from './config-commands';

export type Command =
  | { name: 'help' }
  | { name: 'whoami'; json: boolean }
  | { name: 'models-list'; json: boolean; /** add what discovery filtered out, with the reason */ all: boolean }
  | { name: 'models-refresh'; json: boolean }
  | ChatCommand
  | ConfigCommand;

/** The inference settings are the app's own (`chat:start`), under the same names. */
export interface ChatCommand extends Pick<ChatStartRequest, 'system' | 'maxTokens' | 'temperature' | 'topP' | 'stopSequences' | 'reasoningBudget'> {
  name: 'chat';
  model: string;
  prompt: string;
  /** Files to attach, in the order given. */
  images: string[];
  documents: string[];
  /** One JSON summary on stdout at the end instead of the streamed text. */
  json: boolean;
}

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
  models list [--json] [--all]             Discovered and configured Bedrock models
                                           (--all: also what discovery filters out, and why)
  models refresh [--json]                  Ask AWS again now, replacing the cached list
  chat --model ID [options] PROMPT         Stream an answer: text to stdout; reasoning, retries and
                                           usage / TTFT / tokens/s / cost to stderr
      --system S                           System prompt
      --max-tokens N   --temperature T (0-1)   --top-p P (0-1)
      --stop S                             Stop sequence (repeatable)
      --reasoning-budget N                 Thinking budget in tokens (≥ 1024; Claude 3.7 / 4 and later)
      --image FILE                         Attach a png/jpeg/gif/webp image (repeatable, ≤ 3.75 MB)
      --document FILE                      Attach a pdf/csv/txt/md/html/doc(x)/xls(x) (repeatable, ≤ 4.5 MB)
      --json                               Print one JSON summary (text, usage, metrics, cost) instead
  config get [PATH]                        Print a value (dot/bracket path), or the whole config
  config set PATH VALUE [--strict-json]    Set a value (JSON5 if it parses, else a string), keeping
                                           the file's comments and formatting
  config unset PATH                        Remove a value
  config validate                          Check the file; each problem as file:line:col path: message
  config file                              Print the config file in use

Options (every command):
  --config FILE    Moltbot config file (default: $CLAWDBOT_CONFIG_PATH, ~/.clawdbot/moltbot.json, …)
  --region R       AWS region (overrides config and AWS_REGION)
  --profile NAME   AWS profile from ~/.aws/config or ~/.aws/credentials (as if picked in the app)
  --sandbox        Use the built-in Bedrock emulator instead of AWS (no account needed)
  -h, --help       Show this help
`;

export function parseCli(argv: string[]): Parsed {
  let values: Record<string, string | boolean | string[] | undefined>;
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
        'strict-json': { type: 'boolean', default: false },
        all: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
        model: { type: 'string', short: 'm' },
        system: { type: 'string', short: 's' },
        'max-tokens': { type: 'string' },
        temperature: { type: 'string' },
        'top-p': { type: 'string' },
        stop: { type: 'string', multiple: true },
        'reasoning-budget': { type: 'string' },
        image: { type: 'string', multiple: true },
        document: { type: 'string', multiple: true },
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
      if (rest.length === 1 && rest[0] === 'list') return { ok: true, command: { name: 'models-list', json, all: values.all === true }, global };
      if (rest.length === 1 && rest[0] === 'refresh') return { ok: true, command: { name: 'models-refresh', json }, global };
      return { ok: false, message: 'expected "models list" or "models refresh"' };
    case 'config':
      return parseConfigCommand(rest, values['strict-json'] === true || json, global);
    case 'chat': {
      const model = values.model;
      if (typeof model !== 'string' || !model) return { ok: false, message: 'chat needs --model ID' };
      const prompt = rest.join(' ').trim();
      if (!prompt) return { ok: false, message: 'chat needs a PROMPT' };
      const list = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
      const command: ChatCommand = { name: 'chat', model, prompt, images: list(values.image), documents: list(values.document), json };
      if (typeof values.system === 'string') command.system = values.system;
      const numbers: [key: string, field: 'maxTokens' | 'temperature' | 'topP' | 'reasoningBudget', check: (n: number) => boolean, rule: string][] = [
        ['max-tokens', 'maxTokens', (n) => Number.isInteger(n) && n > 0, 'a positive integer'],
        ['temperature', 'temperature', (n) => n >= 0 && n <= 1, 'a number from 0 to 1'],
        ['top-p', 'topP', (n) => n >= 0 && n <= 1, 'a number from 0 to 1'],
        ['reasoning-budget', 'reasoningBudget', (n) => Number.isInteger(n) && n >= 1024, 'an integer of at least 1024'],
      ];
      for (const [key, field, check, rule] of numbers) {
        const raw = values[key];
        if (typeof raw !== 'string') continue;
        const n = raw.trim() === '' ? NaN : Number(raw);
        if (!Number.isFinite(n) || !check(n)) return { ok: false, message: `--${key} must be ${rule}` };
        command[field] = n;
      }
      const stops = list(values.stop);
      if (stops.some((x) => x.length === 0)) return { ok: false, message: '--stop must not be empty' };
      if (stops.length > 0) command.stopSequences = stops;
      return { ok: true, command, global };
    }
    default:
      return { ok: false, message: `unknown command "${name}"` };
  }
}

function parseConfigCommand(rest: string[], strict: boolean, global: GlobalOptions): Parsed {
  const [sub, ...args] = rest;
  const usage = (message: string): Parsed => ({ ok: false, message });
  switch (sub) {
    case 'get':
      if (args.length > 1) return usage('expected "config get [PATH]"');
      return { ok: true, command: args[0] ? { name: 'config-get', path: args[0] } : { name: 'config-get' }, global };
    case 'set':
      if (args.length !== 2 || !args[0]) return usage('expected "config set PATH VALUE" (quote VALUE for the shell)');
      return { ok: true, command: { name: 'config-set', path: args[0], value: args[1] as string, strict }, global };
    case 'unset':
      if (args.length !== 1 || !args[0]) return usage('expected "config unset PATH"');
      return { ok: true, command: { name: 'config-unset', path: args[0] }, global };
    case 'validate':
    case 'file':
      if (args.length > 0) return usage(`config ${sub} takes no arguments`);
      return { ok: true, command: { name: sub === 'file' ? 'config-file' : 'config-validate' }, global };
    default:
      return usage('expected "config get|set|unset|validate|file"');
  }
}

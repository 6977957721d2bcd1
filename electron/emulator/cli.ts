// `npm run emulator -- --port N [--delay MS]`: runs the emulator in the foreground and prints
// the environment that points any AWS SDK (or the app) at it.
import { EMULATOR_CREDENTIALS, startEmulator } from './index';

function flag(name: string): string | undefined {
  const args = process.argv.slice(2);
  const i = args.indexOf(`--${name}`);
  if (i !== -1) return args[i + 1];
  return args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
}

function numberFlag(name: string, fallback: number): number {
  const raw = flag(name);
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) {
    process.stderr.write(`--${name} must be a non-negative integer, got ${raw}\n`);
    process.exit(2);
  }
  return n;
}

const port = numberFlag('port', 0);
// A little pacing by default so a human watching the sandbox sees tokens stream.
const tokenDelayMs = numberFlag('delay', 20);
const verbose = process.argv.includes('--verbose');

const emulator = await startEmulator({
  port,
  script: { tokenDelayMs },
  log: verbose ? (line) => process.stderr.write(`${line}\n`) : undefined,
});

const env = {
  AWS_ENDPOINT_URL_BEDROCK: emulator.url,
  AWS_ENDPOINT_URL_BEDROCK_RUNTIME: emulator.url,
  AWS_ENDPOINT_URL_STS: emulator.url,
  AWS_ACCESS_KEY_ID: EMULATOR_CREDENTIALS.accessKeyId,
  AWS_SECRET_ACCESS_KEY: EMULATOR_CREDENTIALS.secretAccessKey,
  AWS_REGION: 'us-east-1',
};
process.stdout.write(`Bedrock emulator on ${emulator.url} — export ${Object.entries(env).map(([k, v]) => `${k}=${v}`).join(' ')}\n`);

let closing = false;
const stop = () => {
  if (closing) return;
  closing = true;
  emulator.close().then(() => process.exit(0), () => process.exit(1));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

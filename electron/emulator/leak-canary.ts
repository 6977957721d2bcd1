// Distinctive credentials for the secret-leak suites (e2e/secret-leak.spec.ts and
// electron/cli/secret-leak.test.ts), valid with the emulator, and the detector that looks for them.
// Each secret carries the marker SECRETLEAKCANARY, so even a truncated or partly quoted secret is
// found; the access key id is found whole or by its middle (only the masked `AKIA…WXYZ` is allowed).
import { readdir, readFile, lstat } from 'node:fs/promises';
import { join } from 'node:path';
import { EMULATOR_ACCOUNT, type EmulatorBearerToken, type EmulatorKey } from './credentials';

export const LEAK_MARKER = 'SECRETLEAKCANARY';

export const LEAK_CANARY = {
  accessKeyId: 'AKIALEAKCANARY00WXYZ',
  /** What the app may show of the key id. */
  maskedKeyId: 'AKIA…WXYZ',
  secretAccessKey: `${LEAK_MARKER}-secret-7d1e4b9a2c6f8e03b5a1`,
  sessionToken: `${LEAK_MARKER}-session-IQoJb3JpZ2luX2VjE5b8c2e7f1a9d4630`,
  bearerToken: `ABSK${LEAK_MARKER}-bearer-c4e1f7a2b9d30658e2f1`,
  arn: `arn:aws:sts::${EMULATOR_ACCOUNT}:assumed-role/LeakCanaryRole/leak-session`,
  bearerArn: `arn:aws:iam::${EMULATOR_ACCOUNT}:user/BedrockAPIKey-leak-canary`,
} as const;

/** The canary key pair + session token, as the emulator accepts it. */
export const LEAK_CANARY_KEY: EmulatorKey = {
  accessKeyId: LEAK_CANARY.accessKeyId,
  secretAccessKey: LEAK_CANARY.secretAccessKey,
  sessionToken: LEAK_CANARY.sessionToken,
  arn: LEAK_CANARY.arn,
  userId: 'AROALEAKCANARY000001:leak-session',
};

export const LEAK_CANARY_BEARER: EmulatorBearerToken = { token: LEAK_CANARY.bearerToken, arn: LEAK_CANARY.bearerArn };

/** Environment for the env-keys flows (access key id + secret + session token). */
export const LEAK_ENV_KEYS = {
  AWS_ACCESS_KEY_ID: LEAK_CANARY.accessKeyId,
  AWS_SECRET_ACCESS_KEY: LEAK_CANARY.secretAccessKey,
  AWS_SESSION_TOKEN: LEAK_CANARY.sessionToken,
} as const;

/** Environment for the bearer-token flows (env keys removed). */
export const LEAK_ENV_BEARER = { AWS_BEARER_TOKEN_BEDROCK: LEAK_CANARY.bearerToken } as const;

/** Base64 of `value` at each of the three byte alignments, trimmed to the characters that do not depend on neighbours. */
function base64Forms(value: string): string[] {
  const forms: string[] = [];
  for (let shift = 0; shift < 3; shift++) {
    const encoded = Buffer.from('x'.repeat(shift) + value).toString('base64').replace(/=+$/, '');
    const skip = Math.ceil((shift * 4) / 3);
    forms.push(encoded.slice(skip, encoded.length - 2));
  }
  return forms;
}

interface Needle {
  label: string;
  value: string;
}

const NEEDLES: Needle[] = [
  { label: 'secret marker', value: LEAK_MARKER },
  { label: 'access key id', value: LEAK_CANARY.accessKeyId },
  { label: 'access key id (unmasked middle)', value: LEAK_CANARY.accessKeyId.slice(4, -4) },
  ...(['secretAccessKey', 'sessionToken', 'bearerToken'] as const).flatMap((name) => [
    { label: name, value: LEAK_CANARY[name] },
    ...base64Forms(LEAK_CANARY[name]).map((value) => ({ label: `${name} (base64)`, value })),
  ]),
  ...base64Forms(LEAK_MARKER).map((value) => ({ label: 'secret marker (base64)', value })),
];

/** Which canary secrets `text` contains (case-insensitive, JSON- and URL-escapes undone); [] when none. */
export function findLeaks(text: string): string[] {
  const variants = [text];
  try {
    variants.push(decodeURIComponent(text));
  } catch {
    /* not URL-encoded */
  }
  variants.push(text.replace(/\\u([0-9a-fA-F]{4})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))));
  const found = new Set<string>();
  for (const needle of NEEDLES) {
    for (const variant of variants) {
      // Base64 is case-sensitive; plain needles are matched case-insensitively too.
      const hit = needle.label.includes('base64') ? variant.includes(needle.value) : variant.toLowerCase().includes(needle.value.toLowerCase());
      if (hit) found.add(needle.label);
    }
  }
  return [...found];
}

export interface LeakReport {
  /** Where (a label or file path) → which secrets. */
  leaks: Array<{ where: string; secrets: string[] }>;
}

/** Checks each labelled text; the report lists every place a secret was found. */
export function scanTexts(texts: Iterable<[where: string, text: string]>): LeakReport {
  const leaks: LeakReport['leaks'] = [];
  for (const [where, text] of texts) {
    const secrets = findLeaks(text);
    if (secrets.length > 0) leaks.push({ where, secrets });
  }
  return { leaks };
}

/** Every regular file under `dir` (symlinks not followed), with its content as latin1 so binary files are searched too. */
export async function readTree(dir: string): Promise<Array<[path: string, text: string]>> {
  const out: Array<[string, string]> = [];
  async function walk(at: string): Promise<void> {
    let entries;
    try {
      entries = await readdir(at, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const path = join(at, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile()) {
        const stat = await lstat(path);
        if (stat.size > 64 * 1024 * 1024) throw new Error(`unexpectedly large file ${path}`);
        const bytes = await readFile(path);
        out.push([path, bytes.toString('latin1') + '\n' + bytes.toString('utf8')]);
      }
    }
  }
  await walk(dir);
  return out;
}

// The last line of defence for text that did not originate with us — an AWS error message, a
// stack trace — before it reaches the renderer, a conversation file, a log or the CLI's output.
// AWS (or a proxy in between) can quote a request back: SignatureDoesNotMatch-style messages
// carry the canonical request, `x-amz-security-token` value included. Two layers:
//   - the exact secret values this process resolved (env keys, session tokens, bearer tokens,
//     identities from profiles and the default chain), remembered here by the credential resolver;
//   - shapes that are secret wherever they appear: `x-amz-security-token:…`, `Authorization:…`,
//     `Bearer …`, Bedrock API keys (`ABSK…`), SigV4 signatures, and full access key ids (masked).

const known = new Set<string>();

/** Remembers secret values so `redactSecrets` removes them wherever they are quoted. Short values are ignored. */
export function rememberSecrets(...values: Array<string | undefined | null>): void {
  for (const value of values) {
    const trimmed = value?.trim();
    if (trimmed && trimmed.length >= 8) known.add(trimmed);
  }
}

const REDACTED = '[redacted]';
const ACCESS_KEY_ID = /\b((?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{12})([A-Z0-9]{4})\b/g;
const SHAPES: Array<[RegExp, string]> = [
  [/(x-amz-security-token\s*[:=]\s*)[^\s'",;&]+/gi, `$1${REDACTED}`],
  [/(authorization\s*[:=]\s*)(?:(?:bearer|AWS4-HMAC-SHA256)\s+)?[^\s'",;]+/gi, `$1${REDACTED}`],
  [/\bbearer\s+[A-Za-z0-9+/=._~-]{8,}/gi, `Bearer ${REDACTED}`],
  [/\bABSK[A-Za-z0-9+/=._-]{12,}/g, REDACTED],
  [/(Signature\s*=\s*)[0-9a-f]{64}/gi, `$1${REDACTED}`],
  [/((?:secret[_-]?access[_-]?key|session[_-]?token|security[_-]?token|aws_secret_access_key)\s*["']?\s*[:=]\s*["']?)[^\s'",;&]+/gi, `$1${REDACTED}`],
];

/** `text` with every known secret and every secret-shaped value removed; access key ids masked as `AKIA…WXYZ`. */
export function redactSecrets(text: string): string {
  let out = text;
  for (const secret of [...known].sort((a, b) => b.length - a.length)) {
    if (out.includes(secret)) out = out.split(secret).join(REDACTED);
  }
  for (const [shape, replacement] of SHAPES) out = out.replace(shape, replacement);
  return out.replace(ACCESS_KEY_ID, (_, head: string, tail: string) => `${head.slice(0, 4)}…${tail}`);
}

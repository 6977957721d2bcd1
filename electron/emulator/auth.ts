// Request authentication the way AWS does it: re-sign the request with the secret we hold for the
// key id and compare signatures, so a client with the wrong secret fails exactly like on AWS.
import { timingSafeEqual } from 'node:crypto';
import { Sha256 } from '@aws-crypto/sha256-js';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import type { EmulatorBearerToken, EmulatorKey } from './credentials';
import type { EmuRequest } from './http';

export type AuthInfo =
  | { kind: 'sigv4'; accessKeyId: string; key: EmulatorKey; region: string; service: string }
  | { kind: 'bearer'; token: EmulatorBearerToken };

/** Why a request was refused; each protocol names these differently (see errors.ts). */
export type AuthFailure = 'missing' | 'malformed' | 'unknown-key' | 'bad-signature' | 'expired' | 'bad-token' | 'bearer-not-allowed';

export class AuthError extends Error {
  constructor(readonly reason: AuthFailure, detail: string) {
    super(detail);
  }
}

export interface KeyRing {
  keys: Map<string, EmulatorKey>;
  tokens: Map<string, EmulatorBearerToken>;
}

const AUTH_RE = /^AWS4-HMAC-SHA256\s+Credential=([^/,\s]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request,\s*SignedHeaders=([^,\s]+),\s*Signature=([0-9a-f]{64})$/;

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Parses `20250101T120000Z`. */
function parseAmzDate(value: string | undefined): Date | undefined {
  const m = value && /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!m) return undefined;
  return new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!));
}

export async function authenticate(req: EmuRequest, ring: KeyRing, opts: { allowBearer: boolean }): Promise<AuthInfo> {
  const header = req.headers.authorization;
  if (!header) throw new AuthError('missing', 'no Authorization header');

  if (/^Bearer\s/i.test(header)) {
    if (!opts.allowBearer) throw new AuthError('bearer-not-allowed', 'bearer auth is not accepted here');
    const value = header.replace(/^Bearer\s+/i, '').trim();
    const token = ring.tokens.get(value);
    if (!token) throw new AuthError('bad-token', 'unknown Bedrock API key');
    return { kind: 'bearer', token };
  }

  const m = AUTH_RE.exec(header.trim());
  if (!m) throw new AuthError('malformed', 'Authorization header is not AWS4-HMAC-SHA256');
  const [, accessKeyId, shortDate, region, service, signedHeaderList, signature] = m as unknown as string[];
  const key = ring.keys.get(accessKeyId!);
  if (!key) throw new AuthError('unknown-key', `unknown access key ${accessKeyId}`);
  if (key.sessionToken !== undefined && req.headers['x-amz-security-token'] !== key.sessionToken) {
    throw new AuthError('unknown-key', 'temporary key without its session token');
  }
  const signingDate = parseAmzDate(req.headers['x-amz-date']);
  if (!signingDate || !req.headers['x-amz-date']!.startsWith(shortDate!)) throw new AuthError('malformed', 'x-amz-date missing or not matching the scope');

  // Rebuild the request from exactly the headers the client signed, then sign it ourselves.
  const signed = signedHeaderList!.split(';');
  const headers: Record<string, string> = {};
  for (const name of signed) {
    // Over h2 the SDK signs the `:authority` pseudo-header in place of `host`.
    const value = name === 'host' || name === ':authority' ? req.host : req.headers[name];
    if (value === undefined) throw new AuthError('bad-signature', `signed header ${name} is missing`);
    headers[name] = value;
  }
  const query: Record<string, string | string[]> = {};
  for (const [k, v] of req.query) {
    const prev = query[k];
    query[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  const [hostname, port] = req.host.split(':');
  const request = new HttpRequest({
    method: req.method,
    protocol: 'http:',
    hostname: hostname ?? '',
    port: port ? Number(port) : undefined,
    path: req.rawPath,
    query,
    headers,
    body: req.body,
  });
  const signer = new SignatureV4({
    credentials: { accessKeyId: key.accessKeyId, secretAccessKey: key.secretAccessKey, sessionToken: key.sessionToken },
    region: region!,
    service: service!,
    sha256: Sha256,
    applyChecksum: false,
    // Non-S3 services sign the path encoded once more, as the SDK does.
    uriEscapePath: true,
  });
  const resigned = await signer.sign(request, { signingDate, signingRegion: region, signingService: service, signableHeaders: new Set(signed) });
  const expected = /Signature=([0-9a-f]{64})/.exec(String(resigned.headers.authorization ?? resigned.headers.Authorization))?.[1] ?? '';
  if (!sameText(expected, signature!)) throw new AuthError('bad-signature', 'signature mismatch');
  // Only a valid signature reveals that the key has expired, as on AWS.
  if (key.expired) throw new AuthError('expired', 'session expired');
  return { kind: 'sigv4', accessKeyId: accessKeyId!, key, region: region!, service: service! };
}

/** The region a request was signed for (bearer requests carry none). */
export function regionOf(auth: AuthInfo | undefined, fallback = 'us-east-1'): string {
  return auth?.kind === 'sigv4' ? auth.region : fallback;
}

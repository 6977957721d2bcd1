import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHAIN_PROBE_TIMEOUT_MS, chainProviderOf, detectCredentialSource, maskKeyId, resolveCredentials } from './credentials';

const KEY = 'AKIAIOSFODNN7EXAMPLE';
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

describe('detectCredentialSource', () => {
  it('follows Moltbot order: bearer, keys, profile, default chain', () => {
    const all = { AWS_BEARER_TOKEN_BEDROCK: 'tok', AWS_ACCESS_KEY_ID: KEY, AWS_SECRET_ACCESS_KEY: SECRET, AWS_PROFILE: 'dev' };
    expect(detectCredentialSource(all)).toBe('bearer-token');
    expect(detectCredentialSource({ ...all, AWS_BEARER_TOKEN_BEDROCK: '' })).toBe('env-keys');
    expect(detectCredentialSource({ AWS_ACCESS_KEY_ID: KEY, AWS_PROFILE: 'dev' })).toBe('profile');
    expect(detectCredentialSource({ AWS_PROFILE: 'dev' })).toBe('profile');
    expect(detectCredentialSource({}, 'chosen')).toBe('profile');
    expect(detectCredentialSource({})).toBe('default-chain');
  });
});

describe('maskKeyId', () => {
  it('keeps the first and last four characters only', () => {
    expect(maskKeyId(KEY)).toBe('AKIA…MPLE');
  });
  it('hides short ids entirely', () => {
    expect(maskKeyId('AKIA123')).toBe('…');
  });
});

describe('chainProviderOf', () => {
  it('maps the SDK source markers', () => {
    const id = { accessKeyId: KEY, secretAccessKey: SECRET };
    expect(chainProviderOf({ ...id, $source: { CREDENTIALS_IMDS: '0' } } as never)).toBe('imds');
    expect(chainProviderOf({ ...id, $source: { CREDENTIALS_PROFILE: 'n' } } as never)).toBe('shared-file');
    expect(chainProviderOf({ ...id, $source: { CREDENTIALS_PROFILE: 'n', CREDENTIALS_PROFILE_SSO: 'r' } } as never)).toBe('sso');
    expect(chainProviderOf(id)).toBe('unknown');
  });
});

describe('resolveCredentials', () => {
  it('env keys: masked view, temporary flag, and no secret anywhere in the view', async () => {
    const resolved = await resolveCredentials({ env: { AWS_ACCESS_KEY_ID: KEY, AWS_SECRET_ACCESS_KEY: SECRET, AWS_SESSION_TOKEN: 'SESSIONTOKEN123', AWS_CREDENTIAL_EXPIRATION: '2030-01-01T00:00:00Z' } });
    expect(resolved.view).toMatchObject({ source: 'env-keys', maskedKeyId: 'AKIA…MPLE', temporary: true, expiresAt: '2030-01-01T00:00:00.000Z' });
    const json = JSON.stringify(resolved.view);
    expect(json).not.toContain(SECRET);
    expect(json).not.toContain(KEY);
    expect(json).not.toContain('SESSIONTOKEN123');
    await expect(resolved.provider?.()).resolves.toMatchObject({ accessKeyId: KEY, secretAccessKey: SECRET, sessionToken: 'SESSIONTOKEN123' });
  });

  it('bearer token: no provider, token kept for the client, nothing of it in the view', async () => {
    const resolved = await resolveCredentials({ env: { AWS_BEARER_TOKEN_BEDROCK: 'ABSKsecrettokenvalue', AWS_ACCESS_KEY_ID: KEY, AWS_SECRET_ACCESS_KEY: SECRET } });
    expect(resolved.view.source).toBe('bearer-token');
    expect(resolved.bearerToken).toBe('ABSKsecrettokenvalue');
    expect(resolved.provider).toBeUndefined();
    expect(JSON.stringify(resolved.view)).not.toMatch(/secrettoken|ABSK/);
  });

  it('profile: reads the profile from the files our env points at', async () => {
    const home = mkdtempSync(join(tmpdir(), 'bd-cred-'));
    mkdirSync(join(home, '.aws'));
    writeFileSync(join(home, '.aws', 'credentials'), `[dev]\naws_access_key_id = ${KEY}\naws_secret_access_key = ${SECRET}\n`);
    writeFileSync(join(home, '.aws', 'config'), '[profile dev]\nregion = eu-west-3\n');
    const resolved = await resolveCredentials({ env: { HOME: home, AWS_PROFILE: 'dev' } });
    expect(resolved.problem).toBeUndefined();
    expect(resolved.view).toMatchObject({ source: 'profile', profile: 'dev', maskedKeyId: 'AKIA…MPLE' });
  });

  it('profile that does not exist: keeps the source and explains', async () => {
    const home = mkdtempSync(join(tmpdir(), 'bd-cred-'));
    const resolved = await resolveCredentials({ env: { HOME: home }, profile: 'ghost' });
    expect(resolved.view).toMatchObject({ source: 'profile', profile: 'ghost' });
    expect(resolved.problem?.hint).toContain('ghost');
  });

  it('sandbox: labelled, masked', async () => {
    const resolved = await resolveCredentials({ env: { AWS_ACCESS_KEY_ID: KEY, AWS_SECRET_ACCESS_KEY: SECRET }, sandbox: { accessKeyId: 'AKIAEMULATORSANDBOX1', secretAccessKey: 'x'.repeat(40) } });
    expect(resolved.view).toMatchObject({ source: 'sandbox', label: 'Sandbox (built-in Bedrock emulator)', maskedKeyId: 'AKIA…BOX1' });
  });

  it('default chain with nothing configured answers within the probe bound (no long IMDS wait)', async () => {
    const home = mkdtempSync(join(tmpdir(), 'bd-cred-'));
    const started = Date.now();
    const resolved = await resolveCredentials({ env: { HOME: home } });
    expect(Date.now() - started).toBeLessThan(CHAIN_PROBE_TIMEOUT_MS + 1000);
    // This machine has no instance role; whatever the host env holds, the view never carries a secret.
    if (resolved.view.source === 'none') expect(resolved.problem?.code).toBe('NoCredentials');
    else expect(resolved.view.source).toBe('default-chain');
  });
});

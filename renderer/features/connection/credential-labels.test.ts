import { describe, expect, it } from 'vitest';
import type { ProfileInfo } from '../../../shared/types';
import { problemShortText, shortSourceLabel } from './credential-labels';

describe('shortSourceLabel', () => {
  it('names the source in Moltbot’s order, plus the chain provider that answered', () => {
    expect(shortSourceLabel({ source: 'default-chain', label: '', provider: 'imds' })).toBe('Default chain · EC2 instance role (IMDS)');
    expect(shortSourceLabel({ source: 'profile', label: '', profile: 'dev', provider: 'sso' })).toBe('Profile dev · SSO');
    expect(shortSourceLabel({ source: 'env-keys', label: '', maskedKeyId: 'AKIA…WXYZ', provider: 'env' })).toBe('Env keys AKIA…WXYZ');
    expect(shortSourceLabel({ source: 'bearer-token', label: '' })).toBe('Bedrock API key');
    expect(shortSourceLabel({ source: 'sandbox', label: '' })).toBe('Sandbox');
    expect(shortSourceLabel({ source: 'default-chain', label: '', provider: 'unknown' })).toBe('Default chain');
  });

  it('falls back to the profile’s kind when it did not resolve', () => {
    const profiles: ProfileInfo[] = [{ name: 'dev', kind: 'sso', files: ['config'] }];
    expect(shortSourceLabel({ source: 'profile', label: '', profile: 'dev' }, profiles)).toBe('Profile dev · SSO');
    expect(shortSourceLabel({ source: 'profile', label: '', profile: 'other' }, profiles)).toBe('Profile other');
  });
});

describe('problemShortText', () => {
  it('has a few words for known codes and a generic one otherwise', () => {
    expect(problemShortText({ code: 'SsoSessionExpired', message: '', retryable: false })).toBe('SSO session expired');
    expect(problemShortText({ code: 'SomethingNew', message: '', retryable: false })).toBe('Credentials problem');
  });
});

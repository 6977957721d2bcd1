import { describe, expect, it } from 'vitest';
import { resolveRegion } from './region';

describe('resolveRegion', () => {
  const env = { AWS_REGION: 'eu-west-1', AWS_DEFAULT_REGION: 'eu-central-1' };

  it('prefers --region over everything', () => {
    expect(resolveRegion({ cliRegion: 'ap-south-1', configRegion: 'us-west-2', env, profileRegion: 'ca-central-1' })).toEqual({ region: 'ap-south-1', origin: 'cli' });
  });
  it('then the config region', () => {
    expect(resolveRegion({ configRegion: 'us-west-2', env, profileRegion: 'ca-central-1' })).toEqual({ region: 'us-west-2', origin: 'config' });
  });
  it('then AWS_REGION', () => {
    expect(resolveRegion({ env, profileRegion: 'ca-central-1' })).toEqual({ region: 'eu-west-1', origin: 'AWS_REGION' });
  });
  it('then AWS_DEFAULT_REGION', () => {
    expect(resolveRegion({ env: { AWS_DEFAULT_REGION: 'eu-central-1' }, profileRegion: 'ca-central-1' })).toEqual({ region: 'eu-central-1', origin: 'AWS_DEFAULT_REGION' });
  });
  it('then the profile region', () => {
    expect(resolveRegion({ env: {}, profileRegion: 'ca-central-1' })).toEqual({ region: 'ca-central-1', origin: 'profile' });
  });
  it('else us-east-1', () => {
    expect(resolveRegion({ env: {} })).toEqual({ region: 'us-east-1', origin: 'default' });
  });
  it('treats empty or blank values as unset', () => {
    expect(resolveRegion({ cliRegion: '', configRegion: '  ', env: { AWS_REGION: '' , AWS_DEFAULT_REGION: 'us-west-1' } })).toEqual({ region: 'us-west-1', origin: 'AWS_DEFAULT_REGION' });
  });
});

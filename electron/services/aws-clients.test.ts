import { describe, expect, it } from 'vitest';
import { resolveEndpoints } from './aws-clients';

describe('resolveEndpoints', () => {
  it('lets the SDK decide when env is process.env and nothing is configured', () => {
    expect(resolveEndpoints({ env: process.env })).toEqual({});
  });
  it("forwards our env's endpoint variables when env is not process.env", () => {
    const env = { AWS_ENDPOINT_URL: 'http://all', AWS_ENDPOINT_URL_BEDROCK_RUNTIME: 'http://rt' };
    expect(resolveEndpoints({ env })).toEqual({ bedrock: 'http://all', runtime: 'http://rt', sts: 'http://all' });
  });
  it('config baseUrl wins for the runtime client only', () => {
    const env = { AWS_ENDPOINT_URL_BEDROCK_RUNTIME: 'http://rt', AWS_ENDPOINT_URL_BEDROCK: 'http://cp' };
    expect(resolveEndpoints({ env, runtimeBaseUrl: 'http://base' })).toEqual({ bedrock: 'http://cp', runtime: 'http://base' });
  });
  it('sandbox points all three at the emulator', () => {
    expect(resolveEndpoints({ env: { AWS_ENDPOINT_URL: 'http://x' }, runtimeBaseUrl: 'http://base', sandboxEndpoint: 'http://emu' })).toEqual({ bedrock: 'http://emu', runtime: 'http://emu', sts: 'http://emu' });
  });
});

import { describe, expect, it } from 'vitest';
import { mapAwsError } from './error-mapping';

const sdkError = (name: string, message = '', status?: number) =>
  Object.assign(new Error(message), { name, ...(status ? { $metadata: { httpStatusCode: status } } : {}) });

describe('mapAwsError', () => {
  it('AccessDenied names the missing action', () => {
    const e = mapAwsError(sdkError('AccessDeniedException', 'User is not authorized', 403), { action: 'bedrock:ListFoundationModels' });
    expect(e.code).toBe('AccessDeniedException');
    expect(e.hint).toContain('bedrock:ListFoundationModels');
    expect(e.retryable).toBe(false);
  });
  it('AccessDenied for model access points at the console in the region', () => {
    const e = mapAwsError(sdkError('AccessDeniedException', "You don't have access to the model with the specified model ID."), { region: 'eu-west-1', modelId: 'ai21.jamba' });
    expect(e.code).toBe('ModelAccessNotEnabled');
    expect(e.hint).toContain('Model access in eu-west-1');
  });
  it('points a generic ValidationException at parameters only for a model call', () => {
    const call = mapAwsError(sdkError('ValidationException', 'Malformed input request'), { modelId: 'cohere.command-r-v1:0' });
    expect(call.hint).toContain('model parameters');
    const listing = mapAwsError(sdkError('ValidationException', 'Malformed input request'), { action: 'bedrock:ListFoundationModels' });
    expect(listing.hint).not.toContain('model parameters');
    expect(listing.hint).toContain('region');
  });

  it('maps an invalid model id to where the valid ids are listed', () => {
    const e = mapAwsError(sdkError('ValidationException', 'The provided model identifier is invalid.'), { modelId: 'nope' });
    expect(e.code).toBe('InvalidModelId');
    expect(e.message).toContain('"nope"');
    expect(e.hint).toContain('models list');
  });

  it('on-demand not supported → use an inference profile', () => {
    const e = mapAwsError(sdkError('ValidationException', "Invocation of model ID x with on-demand throughput isn't supported. Retry your request with the ID or ARN of an inference profile that contains this model."));
    expect(e.code).toBe('OnDemandNotSupported');
    expect(e.hint).toMatch(/inference profile/);
  });
  it('throttling is retryable', () => {
    expect(mapAwsError(sdkError('ThrottlingException', 'slow down', 429))).toMatchObject({ code: 'ThrottlingException', retryable: true });
  });
  it('expired tokens suggest sso login for a profile', () => {
    expect(mapAwsError(sdkError('ExpiredTokenException', 'expired'), { profile: 'work' }).hint).toContain('aws sso login --profile work');
    expect(mapAwsError(sdkError('ExpiredToken', 'expired')).code).toBe('ExpiredToken');
  });
  it.each(['UnrecognizedClientException', 'InvalidClientTokenId'])('%s → the key id is unknown (not the clock)', (name) => {
    const e = mapAwsError(sdkError(name, 'The security token included in the request is invalid.'));
    expect(e.code).toBe(name);
    expect(e.message).toMatch(/does not recognise this access key id/);
    expect(e.hint).toMatch(/not a clock problem/);
  });
  it.each(['InvalidSignatureException', 'SignatureDoesNotMatch'])('%s → the secret is wrong, or the clock: says which', (name) => {
    const wrongSecret = mapAwsError(sdkError(name, 'The request signature we calculated does not match the signature you provided.'));
    expect(wrongSecret.code).toBe(name);
    expect(wrongSecret.hint).toMatch(/secret access key is wrong/);
    const skew = mapAwsError(sdkError(name, 'Signature expired: 20240101T000000Z is now earlier than 20240101T001000Z (20240101T002000Z - 5 min.)'));
    expect(skew.code).toBe('ClockSkew');
    expect(skew.hint).toMatch(/clock/);
  });
  it('a region without Bedrock: the endpoint does not resolve', () => {
    const dns = Object.assign(new Error('getaddrinfo ENOTFOUND bedrock.mars-north-1.amazonaws.com'), { code: 'ENOTFOUND', hostname: 'bedrock.mars-north-1.amazonaws.com' });
    const e = mapAwsError(dns, { region: 'mars-north-1', action: 'bedrock:ListFoundationModels' });
    expect(e.code).toBe('RegionUnavailable');
    expect(e.message).toContain('mars-north-1');
    expect(e.hint).toMatch(/us-east-1/);
  });
  it('AccessDenied on the stream names bedrock:InvokeModelWithResponseStream', () => {
    const e = mapAwsError(sdkError('AccessDeniedException', 'User: arn:aws:iam::1:user/x is not authorized to perform: bedrock:InvokeModelWithResponseStream', 403), { action: 'bedrock:InvokeModelWithResponseStream' });
    expect(e.message).toBe('Your AWS identity is not allowed to call bedrock:InvokeModelWithResponseStream.');
  });
  it('missing credentials explain what to set', () => {
    const e = mapAwsError(sdkError('CredentialsProviderError', 'Could not load credentials from any providers'));
    expect(e.code).toBe('NoCredentials');
    expect(e.hint).toMatch(/AWS_PROFILE/);
    expect(e.hint).toMatch(/Sandbox/);
  });
  it('network errors are retryable', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
    expect(mapAwsError(refused)).toMatchObject({ code: 'NetworkError', retryable: true });
  });
  it('aborts are reported as such', () => {
    expect(mapAwsError(sdkError('AbortError', 'Request aborted')).code).toBe('Aborted');
  });
  it('ResourceNotFound mentions region and model', () => {
    const e = mapAwsError(sdkError('ResourceNotFoundException', 'nope', 404), { region: 'us-west-2', modelId: 'm.x' });
    expect(e.message).toContain('m.x');
    expect(e.message).toContain('us-west-2');
  });
  it('unknown 5xx are retryable', () => {
    expect(mapAwsError(sdkError('Weird', 'boom', 503)).retryable).toBe(true);
  });
});

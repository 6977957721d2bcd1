import { describe, expect, it } from 'vitest';
import { appError } from '../../shared/errors';
import { mapAwsError } from './error-mapping';
import { statusFromFailure, statusFromMetadata } from './model-status';

const awsError = (name: string, message: string) => Object.assign(new Error(message), { name, $metadata: { httpStatusCode: 400 } });
const at = new Date('2026-01-02T03:04:05Z');
const learn = (name: string, message: string, modelId = 'm.x') =>
  statusFromFailure(mapAwsError(awsError(name, message), { region: 'eu-west-1', modelId, action: 'bedrock:InvokeModelWithResponseStream' }), { modelId, region: 'eu-west-1', rawMessage: message }, at);

describe('statusFromMetadata', () => {
  const model = { id: 'm.x', lifecycle: 'ACTIVE' as const, invocation: { mode: 'on-demand' as const, invokeId: 'm.x' } };
  it('ready, via-profile, provisioned-only, legacy', () => {
    expect(statusFromMetadata(model, 'us-east-1')).toEqual({ kind: 'ready', message: 'Callable on demand in us-east-1.' });
    expect(statusFromMetadata({ ...model, invocation: { mode: 'inference-profile', invokeId: 'us.m.x' } }, 'us-east-1')).toMatchObject({ kind: 'via-profile', message: expect.stringContaining('us.m.x') });
    expect(statusFromMetadata({ ...model, invocation: { mode: 'provisioned-only', invokeId: 'm.x' } }, 'us-east-1').kind).toBe('provisioned-only');
    expect(statusFromMetadata({ ...model, lifecycle: 'LEGACY' }, 'us-east-1', '2026-07-01T00:00:00.000Z')).toMatchObject({ kind: 'legacy', message: 'AWS has marked m.x Legacy: it still answers and will be retired on 2026-07-01.' });
  });
});

describe('statusFromFailure', () => {
  it('no model access → no-access with where to enable it', () => {
    expect(learn('AccessDeniedException', "You don't have access to the model with the specified model ID.")).toEqual({
      kind: 'no-access',
      message: 'Model access is not enabled for m.x in this account in eu-west-1.',
      hint: 'Enable it in the Bedrock console › Model access in region eu-west-1 (access is granted per account and per region), then try again.',
      errorCode: 'AccessDeniedException',
      learnedAt: '2026-01-02T03:04:05.000Z',
    });
  });
  it('an IAM denial → permission-missing naming the action AWS names', () => {
    const status = learn('AccessDeniedException', 'User: arn:aws:iam::1:user/u is not authorized to perform: bedrock:InvokeModel because no identity-based policy allows the bedrock:InvokeModel action');
    expect(status).toMatchObject({ kind: 'permission-missing', message: 'Your AWS identity is not allowed to call bedrock:InvokeModel on m.x.', errorCode: 'AccessDeniedException' });
  });
  it('validation / not found about the model → unavailable', () => {
    expect(learn('ValidationException', 'The provided model identifier is invalid.')).toMatchObject({ kind: 'unavailable', errorCode: 'ValidationException' });
    expect(learn('ResourceNotFoundException', 'Model not found')).toMatchObject({ kind: 'unavailable', errorCode: 'ResourceNotFoundException' });
    expect(learn('ValidationException', "This action doesn't support the model that you provided.")).toMatchObject({ kind: 'unavailable' });
  });
  it('request problems, throttling and cancels teach nothing', () => {
    expect(learn('ValidationException', 'max_tokens: 99999 > 8192, which is the maximum allowed')).toBeUndefined();
    expect(learn('ThrottlingException', 'Too many requests')).toBeUndefined();
    expect(statusFromFailure(appError('Cancelled', 'Stopped by the user.'), { modelId: 'm.x', region: 'us-east-1' })).toBeUndefined();
  });
});

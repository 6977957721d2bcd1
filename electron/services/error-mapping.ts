// AWS SDK errors → AppError values with a hint precise enough to act on. We match on the
// error's `name` (the AWS error code) first and the HTTP status second; messages are only
// inspected to tell apart cases AWS reports under one code (e.g. model access vs IAM).
import { appError, type AppError } from '../../shared/errors';

export interface ErrorContext {
  /** The IAM action the failed call needs, e.g. `bedrock:ListFoundationModels`. */
  action?: string;
  region?: string;
  modelId?: string;
  profile?: string;
}

interface SdkLikeError {
  name?: string;
  code?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number };
  $fault?: string;
  appError?: AppError;
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE',
  'TimeoutError', 'RequestTimeout', 'NetworkingError',
]);

function asSdkError(error: unknown): SdkLikeError {
  if (error && typeof error === 'object') return error as SdkLikeError;
  return { name: 'Error', message: String(error) };
}

function networkCodeOf(error: SdkLikeError): string | undefined {
  const candidates = [error.code, error.name, (error as { cause?: SdkLikeError }).cause?.code];
  // AggregateError (happy-eyeballs connect failures) keeps the codes on its members.
  for (const inner of (error as { errors?: SdkLikeError[] }).errors ?? []) candidates.push(inner.code);
  return candidates.find((code): code is string => !!code && NETWORK_CODES.has(code));
}

const consoleAccess = (region: string) =>
  `Open the Amazon Bedrock console › Model access in ${region} and request access to this model (it is granted per account and per region).`;

export function mapAwsError(error: unknown, ctx: ErrorContext = {}): AppError {
  const err = asSdkError(error);
  if (err.appError) return err.appError; // already ours (e.g. the "no credentials" provider)
  const name = err.name ?? 'Error';
  const message = err.message ?? '';
  const status = err.$metadata?.httpStatusCode;
  const region = ctx.region ?? 'your region';
  const model = ctx.modelId ? ` ${ctx.modelId}` : '';

  if (name === 'AbortError' || /aborted/i.test(name) || (name === 'Error' && /\baborted\b/i.test(message))) {
    return appError('Aborted', 'The request was cancelled.', undefined, false);
  }

  const network = networkCodeOf(err);
  if (network) {
    return appError(
      'NetworkError',
      `Could not reach AWS (${network}).`,
      'Check your network, proxy and any AWS_ENDPOINT_URL* variables; the request can be retried.',
      true,
    );
  }

  switch (name) {
    case 'AccessDeniedException': {
      if (/model access|don't have access to the model|not authorized to access this model|access to the model/i.test(message)) {
        return appError('ModelAccessNotEnabled', `Model access is not enabled for${model} in ${region}.`, consoleAccess(region));
      }
      const action = ctx.action ?? (/bedrock:[A-Za-z]+/.exec(message)?.[0]);
      return appError(
        name,
        action ? `Your AWS identity is not allowed to call ${action}.` : 'Access denied by AWS.',
        action
          ? `Add an IAM policy allowing "${action}" (resource "*" or the model ARN) to the user or role you are using.`
          : 'Check the IAM policies of the user or role you are using (bedrock:InvokeModel, bedrock:InvokeModelWithResponseStream, bedrock:ListFoundationModels, bedrock:ListInferenceProfiles).',
      );
    }
    case 'ValidationException':
      if (/on-demand throughput|inference profile/i.test(message)) {
        return appError(
          'OnDemandNotSupported',
          `${ctx.modelId ?? 'This model'} cannot be invoked on demand in ${region}.`,
          'Call it through an inference profile (us./eu./apac./global. prefix) — refresh the model list so Bedrock Desk can pick one, or choose the profile id.',
        );
      }
      if (/model identifier is invalid/i.test(message)) {
        return appError(
          'InvalidModelId',
          `${ctx.modelId ? `"${ctx.modelId}"` : 'The model id'} is not a Bedrock model id in ${region}.`,
          'List the ids you can call with `bedrock-desk models list` (or the Models screen) and use one of those.',
        );
      }
      return appError(name, `Bedrock rejected the request: ${message}`, 'Check the model parameters (max tokens, temperature, stop sequences) against the model\'s limits.');
    case 'ResourceNotFoundException':
      return appError(
        name,
        `Model${model} was not found in ${region}.`,
        `Check the model id and region (some models exist only in some regions); list them with \`bedrock-desk models list --region ${region}\`.`,
      );
    case 'ThrottlingException':
    case 'TooManyRequestsException':
    case 'ServiceQuotaExceededException':
      return appError('ThrottlingException', 'AWS is throttling requests.', 'Wait a moment and retry, or request a higher quota in Service Quotas › Amazon Bedrock.', true);
    case 'ModelNotReadyException':
      return appError(name, `Model${model} is not ready yet.`, 'Retry in a few seconds.', true);
    case 'ExpiredToken':
    case 'ExpiredTokenException':
    case 'TokenRefreshRequired':
      return appError(
        'ExpiredToken',
        'Your AWS session credentials have expired.',
        ctx.profile
          ? `Run \`aws sso login --profile ${ctx.profile}\` (or refresh the profile's credentials), then test again.`
          : 'Refresh AWS_SESSION_TOKEN (and the keys that go with it) or sign in again, then test again.',
      );
    case 'UnrecognizedClientException':
    case 'InvalidSignatureException':
    case 'InvalidClientTokenId':
    case 'SignatureDoesNotMatch':
    case 'IncompleteSignature':
      return appError(
        name,
        'AWS did not accept these credentials.',
        'Check that the access key id and secret belong together and are active in IAM, and that your clock is correct (signatures fail with more than 5 minutes of skew).',
      );
    case 'CredentialsProviderError':
    case 'ProviderError':
      if (/sso|token.*expired|refresh/i.test(message) && ctx.profile) {
        return appError('SsoSessionExpired', `The SSO session of profile "${ctx.profile}" has expired or is missing.`, `Run \`aws sso login --profile ${ctx.profile}\`.`);
      }
      if (ctx.profile && /profile|could not resolve|not found/i.test(message)) {
        return appError('ProfileNotFound', `AWS profile "${ctx.profile}" has no usable credentials.`, `Check ~/.aws/config and ~/.aws/credentials for [profile ${ctx.profile}], or run \`aws configure --profile ${ctx.profile}\`.`);
      }
      return appError(
        'NoCredentials',
        'No AWS credentials were found.',
        'Set AWS_BEARER_TOKEN_BEDROCK, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE — or use Sandbox mode.',
      );
    case 'ServiceUnavailableException':
    case 'InternalServerException':
    case 'ModelStreamErrorException':
      return appError(name, 'Bedrock had a temporary problem.', 'Retry in a moment.', true);
    case 'ModelTimeoutException':
      return appError(name, 'The model took too long to answer.', 'Retry, or lower max tokens.', true);
  }

  if (status === 403) return appError(name, 'Access denied by AWS.', ctx.action ? `Allow ${ctx.action} in IAM.` : undefined);
  if (status === 429) return appError(name, 'AWS is throttling requests.', 'Wait a moment and retry.', true);
  if (status !== undefined && status >= 500) return appError(name, 'AWS had a temporary problem.', 'Retry in a moment.', true);
  return appError(name, message || 'The AWS request failed.', status ? `HTTP ${status}` : undefined, false);
}

// AWS SDK errors → AppError values with a hint precise enough to act on. We match on the
// error's `name` (the AWS error code) first and the HTTP status second; messages are only
// inspected to tell apart cases AWS reports under one code (e.g. model access vs IAM).
import { appError, type AppError } from '../../shared/errors';
import { redactSecrets } from './secret-redaction';

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

const CLOCK_SKEW = /signature expired|not yet current|clock skew|request time.*too (skewed|large)/i;

function hostOf(error: SdkLikeError): string | undefined {
  const withHost = error as { hostname?: string; cause?: { hostname?: string } };
  return withHost.hostname ?? withHost.cause?.hostname ?? /ENOTFOUND (\S+)/.exec(error.message ?? '')?.[1];
}

const consoleAccess = (region: string) =>
  `Open the Amazon Bedrock console › Model access in ${region} and request access to this model (it is granted per account and per region).`;

/**
 * The AppError for an AWS SDK error. Whatever the server said is passed through `redactSecrets`:
 * AWS can quote the request back (the canonical request, security token included), and that text
 * reaches the renderer, conversation files and the CLI's output.
 */
export function mapAwsError(error: unknown, ctx: ErrorContext = {}): AppError {
  const mapped = mapUnredacted(error, ctx);
  const code = redactSecrets(mapped.code);
  const message = redactSecrets(mapped.message);
  const hint = mapped.hint === undefined ? undefined : redactSecrets(mapped.hint);
  if (code === mapped.code && message === mapped.message && hint === mapped.hint) return mapped;
  return appError(code, message, hint, mapped.retryable);
}

function mapUnredacted(error: unknown, ctx: ErrorContext): AppError {
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
  const host = hostOf(err);
  if ((network === 'ENOTFOUND' || network === 'EAI_AGAIN') && host && /(^|\.)bedrock(-runtime)?\./.test(host)) {
    // bedrock.<region>.amazonaws.com only exists where Bedrock does; the same failure offline.
    return appError(
      'RegionUnavailable',
      `Could not reach Amazon Bedrock in ${region}: ${host} does not resolve.`,
      `Amazon Bedrock may not be available in ${region} (or you are offline). Pick a region where it is, e.g. us-east-1, us-west-2 or eu-central-1: set models.bedrockDiscovery.region, AWS_REGION or --region.`,
      network === 'EAI_AGAIN',
    );
  }
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
      // AWS names the denied action in its message; that beats our guess from the call.
      const action = /\b(?:bedrock|sts):[A-Za-z]+/.exec(message)?.[0] ?? ctx.action;
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
      // Parameters only matter for a model call; other calls fail on their own inputs.
      return appError(
        name,
        `Bedrock rejected the request: ${message}`,
        ctx.modelId
          ? 'Check the model parameters (max tokens, temperature, stop sequences) against the model\'s limits.'
          : 'Check the region and the Bedrock settings in the config (models.bedrockDiscovery).',
      );
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
    case 'InvalidSignatureException':
    case 'SignatureDoesNotMatch':
      if (CLOCK_SKEW.test(message)) {
        return appError(
          'ClockSkew',
          'AWS rejected the request signature because your computer\'s clock is wrong (more than 5 minutes off).',
          'Set the system clock right (turn on automatic time / NTP sync), then test again; the keys themselves are fine.',
        );
      }
      return appError(
        name,
        'AWS recognised the access key id, but the signature made with the secret access key does not match.',
        'The secret access key is wrong for this key id (or was pasted with extra characters): copy the pair again from IAM › Users › Security credentials. Your clock is not the cause — AWS says so separately.',
      );
    case 'UnrecognizedClientException':
    case 'InvalidClientTokenId':
      return appError(
        name,
        'AWS does not recognise this access key id (or its session token).',
        'The key is wrong, deleted or inactive, or temporary keys are missing their AWS_SESSION_TOKEN: check the key in IAM (or get fresh temporary credentials). This is not a clock problem.',
      );
    case 'IncompleteSignature':
    case 'MissingAuthenticationTokenException':
    case 'MissingAuthenticationToken':
      return appError(name, 'The request reached AWS without a complete signature.', 'Check that credentials are configured for Bedrock Desk (and no proxy strips the Authorization header).');
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

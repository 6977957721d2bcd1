// Why credentials the SDK chain was asked for cannot be used, as an AppError with the exact
// next step. Built from the failing chain member, the profile's kind (from our own reading of
// the files) and the SDK's error message — whose text is never passed through to the user,
// because a credential_process error can quote the command's output.
import { appError, type AppError } from '../../shared/errors';
import type { ProfileInfo } from '../../shared/types';
import type { MemberError } from './credential-worker';

type Env = Record<string, string | undefined>;

export const NO_CREDENTIALS_HINT =
  'Set AWS_BEARER_TOKEN_BEDROCK (a Bedrock API key), or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE ' +
  '(run `aws configure` or `aws sso login --profile NAME`), or pick a profile here — or try the app without an account in Sandbox mode (it works offline).';

export function noCredentials(): AppError {
  return appError('NoCredentials', 'No AWS credentials were found.', NO_CREDENTIALS_HINT);
}

/** `aws sso login --profile X`, plus the sso-session form when the profile uses one. */
export function ssoLoginHint(profile: string, info?: ProfileInfo): string {
  const session = info?.ssoSession && !/^https?:/.test(info.ssoSession) ? info.ssoSession : undefined;
  return `Run \`aws sso login --profile ${profile}\`${session ? ` (or \`aws sso login --sso-session ${session}\`)` : ''}, then refresh the connection.`;
}

const SSO_MESSAGE = /sso session|sso login|token is expired|sso token|Value not present for 'refreshToken'/i;

/** The parts of a credential_process failure that are safe to repeat (never its output). */
function processReason(message: string): string {
  if (/invalid JSON/i.test(message)) return 'it did not print valid JSON';
  if (/Version 1/i.test(message)) return 'its JSON lacks "Version": 1';
  if (/expired credentials/i.test(message)) return 'it returned credentials that have already expired';
  if (/invalid credentials/i.test(message)) return 'its JSON lacks AccessKeyId or SecretAccessKey';
  return 'the command failed or could not be run';
}

/** A profile (chosen, AWS_PROFILE, or `default` in the chain) that exists but did not resolve. */
export function profileProblem(profile: string, info: ProfileInfo | undefined, error: MemberError | undefined, paths: { configFilepath: string; filepath: string }): AppError {
  const files = `${paths.configFilepath} or ${paths.filepath}`;
  if (!info) {
    return appError(
      'ProfileNotFound',
      `AWS profile "${profile}" was not found in ${files}.`,
      `Pick another profile, or create it with \`aws configure --profile ${profile}\` (or \`aws configure sso --profile ${profile}\`).`,
    );
  }
  const message = error?.message ?? '';
  if (error?.name === 'TimeoutError') {
    return appError('CredentialsTimeout', `Resolving the credentials of profile "${profile}" took too long.`, 'Check the profile\'s credential_process or SSO settings and your network, then refresh.', true);
  }
  if (info.kind === 'sso' || SSO_MESSAGE.test(message)) {
    return appError('SsoSessionExpired', `The SSO session of profile "${profile}" has expired or you are not signed in.`, ssoLoginHint(profile, info));
  }
  if (info.kind === 'process' || /credential_process/i.test(message)) {
    return appError(
      'CredentialProcessFailed',
      `The credential_process of profile "${profile}" failed: ${processReason(message)}.`,
      `Run the profile's credential_process command (in ${paths.configFilepath}) in a terminal to see its error; it must print JSON with "Version": 1, "AccessKeyId" and "SecretAccessKey".`,
    );
  }
  if (info.kind === 'assume-role') {
    return appError(
      'AssumeRoleFailed',
      `Profile "${profile}" could not assume its role.`,
      `Check role_arn and source_profile (or credential_source) of [profile ${profile}] in ${paths.configFilepath}; the source credentials need sts:AssumeRole on that role.`,
    );
  }
  if (info.kind === 'web-identity') {
    return appError('WebIdentityFailed', `Profile "${profile}" could not exchange its web identity token.`, `Check web_identity_token_file and role_arn of [profile ${profile}] in ${paths.configFilepath}.`);
  }
  return appError(
    'ProfileNotFound',
    `AWS profile "${profile}" has no usable credentials.`,
    `Give [profile ${profile}] aws_access_key_id and aws_secret_access_key, sso_session, credential_process or role_arn in ${files} — e.g. \`aws configure --profile ${profile}\`.`,
  );
}

/** The default chain found nothing: the most telling member failure, else "no credentials". */
export function chainProblem(env: Env, errors: MemberError[], profiles: ProfileInfo[], paths: { configFilepath: string; filepath: string }): AppError {
  const defaultProfile = profiles.find((p) => p.name === 'default');
  const profileError = errors.find((e) => e.member === 'profile');
  // A [default] with only a region in it is normal; one with credentials that fail is a problem.
  if (defaultProfile && defaultProfile.kind !== 'other' && profileError) return profileProblem('default', defaultProfile, profileError, paths);
  const ecs = errors.find((e) => e.member === 'ecs');
  if (ecs) {
    return appError(
      'ContainerCredentialsFailed',
      'The container credentials endpoint did not answer with credentials.',
      'Check AWS_CONTAINER_CREDENTIALS_FULL_URI / AWS_CONTAINER_CREDENTIALS_RELATIVE_URI and AWS_CONTAINER_AUTHORIZATION_TOKEN (the task role of the ECS task or EKS pod).',
      true,
    );
  }
  if (env.AWS_WEB_IDENTITY_TOKEN_FILE?.trim() && errors.some((e) => e.member === 'web-identity')) {
    return appError('WebIdentityFailed', 'The web identity token could not be exchanged for credentials.', 'Check AWS_WEB_IDENTITY_TOKEN_FILE, AWS_ROLE_ARN and the role\'s trust policy.');
  }
  return noCredentials();
}

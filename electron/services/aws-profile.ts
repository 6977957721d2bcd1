// Reads the shared AWS config files at the paths *our* env points to (tests and the app pass
// their own env; the SDK's own loaders would read process.env and the real HOME).
import { homedir } from 'node:os';
import { join } from 'node:path';
import { loadSharedConfigFiles } from '@smithy/shared-ini-file-loader';
import type { ProfileInfo, ProfileKind } from '../../shared/types';

type Env = Record<string, string | undefined>;

export function awsConfigPaths(env: Env): { filepath: string; configFilepath: string } {
  const home = env.HOME || env.USERPROFILE || homedir();
  return {
    filepath: env.AWS_SHARED_CREDENTIALS_FILE || join(home, '.aws', 'credentials'),
    configFilepath: env.AWS_CONFIG_FILE || join(home, '.aws', 'config'),
  };
}

export function profileName(env: Env, chosen?: string): string {
  return chosen || env.AWS_PROFILE || 'default';
}

/** The profile's `region`, or undefined when the files or the key are missing. */
export async function readProfileRegion(env: Env, profile: string): Promise<string | undefined> {
  try {
    // ignoreCache: the user may have just run `aws configure`.
    const files = await loadSharedConfigFiles({ ...awsConfigPaths(env), ignoreCache: true });
    const region = files.configFile[profile]?.region ?? files.credentialsFile[profile]?.region;
    return region?.trim() || undefined;
  } catch {
    return undefined;
  }
}

type Section = Record<string, string | undefined>;

/** What a profile is made of, in the SDK's order of checks (assume-role first, like fromIni). */
export function profileKind(section: Section): ProfileKind {
  if (section.role_arn && (section.source_profile || section.credential_source)) return 'assume-role';
  if (section.aws_access_key_id && section.aws_secret_access_key) return 'static';
  if (section.role_arn && section.web_identity_token_file) return 'web-identity';
  if (section.credential_process) return 'process';
  if (section.sso_session || section.sso_start_url || section.sso_account_id || section.sso_role_name) return 'sso';
  return 'other';
}

/**
 * Every profile of the config and credentials files our env points at, sorted by name, with
 * what the Connection screen needs (never a secret). Missing files simply contribute nothing.
 */
export async function listProfiles(env: Env): Promise<ProfileInfo[]> {
  let files: Awaited<ReturnType<typeof loadSharedConfigFiles>>;
  try {
    files = await loadSharedConfigFiles({ ...awsConfigPaths(env), ignoreCache: true });
  } catch {
    return [];
  }
  const byName = new Map<string, { config?: Section; credentials?: Section }>();
  for (const [name, section] of Object.entries(files.configFile)) {
    // The loader keeps [sso-session x] and [services x] sections under a prefixed key.
    if (name.startsWith('sso-session.') || name.startsWith('services.')) continue;
    byName.set(name, { config: section });
  }
  for (const [name, section] of Object.entries(files.credentialsFile)) {
    byName.set(name, { ...byName.get(name), credentials: section });
  }
  return [...byName.entries()]
    .sort(([a], [b]) => (a === 'default' ? -1 : b === 'default' ? 1 : a.localeCompare(b)))
    .map(([name, { config, credentials }]) => {
      // The SDK merges both files, the credentials file winning on conflicts.
      const merged: Section = { ...config, ...credentials };
      const region = merged.region?.trim();
      const ssoSession = merged.sso_session?.trim() || merged.sso_start_url?.trim();
      return {
        name,
        kind: profileKind(merged),
        files: [...(config ? ['config' as const] : []), ...(credentials ? ['credentials' as const] : [])],
        ...(region ? { region } : {}),
        ...(ssoSession ? { ssoSession } : {}),
      };
    });
}

// Reads the shared AWS config files at the paths *our* env points to (tests and the app pass
// their own env; the SDK's own loaders would read process.env and the real HOME).
import { homedir } from 'node:os';
import { join } from 'node:path';
import { loadSharedConfigFiles } from '@smithy/shared-ini-file-loader';

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

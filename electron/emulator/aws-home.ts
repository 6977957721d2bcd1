// Writes a throwaway AWS home (~/.aws/config, ~/.aws/credentials, the SSO token cache and a tiny
// credential_process script) for named scenarios, all built on the emulator's keys so the
// resolved credentials verify against the emulator. Returns the env that points at it.
//
// Profiles per scenario (each scenario adds only its own):
//   static          [static]        the emulator's long-term key, no region
//   regional        [regional]      the emulator's long-term key, region eu-west-3 in the config
//   default         [default]       the emulator's long-term key (what the SDK chain finds unasked)
//   sso-expired     [sso-dev]       sso_session "bd-sso" whose cached token expired (region us-west-2)
//   process         [process]       credential_process printing the emulator's temporary key
//   process-failing [process-broken] credential_process that exits 1
//   region-only     [default]       only `region = ap-southeast-2`: no credentials (normal, not a problem)
import { createHash } from 'node:crypto';
import { appendFileSync, chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EMULATOR_CREDENTIALS, EMULATOR_TEMP_CREDENTIALS } from './credentials';

export type AwsHomeScenario = 'static' | 'regional' | 'default' | 'sso-expired' | 'process' | 'process-failing' | 'region-only';

/** The profile each scenario writes. */
export const AWS_HOME_PROFILES: Record<AwsHomeScenario, string> = {
  static: 'static',
  regional: 'regional',
  default: 'default',
  'sso-expired': 'sso-dev',
  process: 'process',
  'process-failing': 'process-broken',
  'region-only': 'default',
};

export const AWS_HOME_SSO_SESSION = 'bd-sso';
export const AWS_HOME_PROFILE_REGION = 'eu-west-3';
export const AWS_HOME_SSO_REGION = 'us-west-2';

export interface AwsHome {
  /** The temp directory used as HOME. */
  home: string;
  configFile: string;
  credentialsFile: string;
  /** HOME, AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE: merge into the session's / app's env. */
  env: { HOME: string; AWS_CONFIG_FILE: string; AWS_SHARED_CREDENTIALS_FILE: string };
  /** Appends raw text to ~/.aws/config (e.g. to trigger a file-change re-resolution). */
  appendConfig(text: string): void;
  remove(): void;
}

const quote = (path: string) => `"${path.replace(/"/g, '\\"')}"`;

export function createAwsHome(scenarios: AwsHomeScenario[] = [], opts: { dir?: string } = {}): AwsHome {
  const home = opts.dir ?? mkdtempSync(join(tmpdir(), 'bd-aws-home-'));
  const aws = join(home, '.aws');
  mkdirSync(aws, { recursive: true });
  const config: string[] = [];
  const credentials: string[] = [];
  const keys = (key: { accessKeyId: string; secretAccessKey: string }) => [`aws_access_key_id = ${key.accessKeyId}`, `aws_secret_access_key = ${key.secretAccessKey}`];

  for (const scenario of new Set(scenarios)) {
    switch (scenario) {
      case 'static':
        credentials.push('[static]', ...keys(EMULATOR_CREDENTIALS), '');
        break;
      case 'regional':
        credentials.push('[regional]', ...keys(EMULATOR_CREDENTIALS), '');
        config.push('[profile regional]', `region = ${AWS_HOME_PROFILE_REGION}`, '');
        break;
      case 'default':
        credentials.push('[default]', ...keys(EMULATOR_CREDENTIALS), '');
        break;
      case 'region-only':
        config.push('[default]', 'region = ap-southeast-2', '');
        break;
      case 'sso-expired': {
        config.push(
          '[profile sso-dev]',
          `sso_session = ${AWS_HOME_SSO_SESSION}`,
          'sso_account_id = 123456789012',
          'sso_role_name = BedrockUser',
          `region = ${AWS_HOME_SSO_REGION}`,
          '',
          `[sso-session ${AWS_HOME_SSO_SESSION}]`,
          'sso_start_url = https://bedrock-desk-sandbox.awsapps.com/start',
          `sso_region = ${AWS_HOME_SSO_REGION}`,
          'sso_registration_scopes = sso:account:access',
          '',
        );
        // The cache file the SDK reads: sha1(session name), expired, and with no refresh token
        // so the SDK cannot renew it (it would call SSO-OIDC) and must ask for `aws sso login`.
        const cache = join(aws, 'sso', 'cache');
        mkdirSync(cache, { recursive: true });
        const name = createHash('sha1').update(AWS_HOME_SSO_SESSION).digest('hex');
        writeFileSync(
          join(cache, `${name}.json`),
          JSON.stringify({ startUrl: 'https://bedrock-desk-sandbox.awsapps.com/start', region: AWS_HOME_SSO_REGION, accessToken: 'expired-sandbox-sso-token', expiresAt: '2020-01-01T00:00:00Z' }),
        );
        break;
      }
      case 'process': {
        const script = join(aws, 'credential-process.cjs');
        const answer = {
          Version: 1,
          AccessKeyId: EMULATOR_TEMP_CREDENTIALS.accessKeyId,
          SecretAccessKey: EMULATOR_TEMP_CREDENTIALS.secretAccessKey,
          SessionToken: EMULATOR_TEMP_CREDENTIALS.sessionToken,
          Expiration: EMULATOR_TEMP_CREDENTIALS.expiration.toISOString(),
        };
        writeFileSync(script, `process.stdout.write(${JSON.stringify(JSON.stringify(answer))});\n`);
        chmodSync(script, 0o700);
        config.push('[profile process]', `credential_process = ${quote(process.execPath)} ${quote(script)}`, '');
        break;
      }
      case 'process-failing': {
        const script = join(aws, 'credential-process-broken.cjs');
        writeFileSync(script, 'process.stderr.write("token vault is locked\\n"); process.exit(1);\n');
        config.push('[profile process-broken]', `credential_process = ${quote(process.execPath)} ${quote(script)}`, '');
        break;
      }
    }
  }

  const configFile = join(aws, 'config');
  const credentialsFile = join(aws, 'credentials');
  writeFileSync(configFile, config.join('\n'));
  writeFileSync(credentialsFile, credentials.join('\n'), { mode: 0o600 });
  return {
    home,
    configFile,
    credentialsFile,
    env: { HOME: home, AWS_CONFIG_FILE: configFile, AWS_SHARED_CREDENTIALS_FILE: credentialsFile },
    appendConfig: (text) => appendFileSync(configFile, `\n${text}\n`),
    remove: () => rmSync(home, { recursive: true, force: true }),
  };
}

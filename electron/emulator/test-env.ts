// Environments that point the real AWS SDK at this emulator, with its sandbox keys. Tests and the
// benchmark use them; the app itself never does.
import { join } from 'node:path';
import { EMULATOR_CREDENTIALS } from './credentials';

/** The SDK's own endpoint variables, for every service the app calls, set to the emulator. */
export function emulatorEndpoints(emulatorUrl: string): Record<string, string> {
  return { AWS_ENDPOINT_URL_BEDROCK: emulatorUrl, AWS_ENDPOINT_URL_BEDROCK_RUNTIME: emulatorUrl, AWS_ENDPOINT_URL_STS: emulatorUrl };
}

/** The emulator's sandbox keys and its endpoints. */
export function emulatorAccess(emulatorUrl: string): Record<string, string> {
  return { AWS_ACCESS_KEY_ID: EMULATOR_CREDENTIALS.accessKeyId, AWS_SECRET_ACCESS_KEY: EMULATOR_CREDENTIALS.secretAccessKey, ...emulatorEndpoints(emulatorUrl) };
}

/**
 * A session's whole environment: a temp HOME (its shared AWS files are those under HOME/.aws,
 * where a test may write some), a region, no IMDS probe.
 */
export function emulatorEnv(emulatorUrl: string, home: string, region = 'us-east-1'): Record<string, string> {
  return {
    HOME: home,
    AWS_REGION: region,
    AWS_CONFIG_FILE: join(home, '.aws', 'config'),
    AWS_SHARED_CREDENTIALS_FILE: join(home, '.aws', 'credentials'),
    AWS_EC2_METADATA_DISABLED: 'true',
    ...emulatorAccess(emulatorUrl),
  };
}

/** The web host as its own process, as a user pointing the app at the emulator would start it. */
export function webHostEnv(emulatorUrl: string, home: string, region = 'us-west-2'): Record<string, string | undefined> {
  return { PATH: process.env.PATH, BEDROCK_DESK_DATA_DIR: join(home, 'data'), ...emulatorEnv(emulatorUrl, home, region) };
}

// The environment a test gives a session so the real AWS SDK reaches this emulator with its
// sandbox keys, from a temp HOME with no shared AWS files and no IMDS probe. Tests and the
// benchmark use it; the app itself never does.
import { join } from 'node:path';
import { EMULATOR_CREDENTIALS } from './credentials';

export function emulatorEnv(emulatorUrl: string, home: string, region = 'us-east-1'): Record<string, string> {
  return {
    HOME: home,
    AWS_ACCESS_KEY_ID: EMULATOR_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: EMULATOR_CREDENTIALS.secretAccessKey,
    AWS_REGION: region,
    AWS_CONFIG_FILE: join(home, 'none'),
    AWS_SHARED_CREDENTIALS_FILE: join(home, 'none'),
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_ENDPOINT_URL_BEDROCK: emulatorUrl,
    AWS_ENDPOINT_URL_BEDROCK_RUNTIME: emulatorUrl,
    AWS_ENDPOINT_URL_STS: emulatorUrl,
  };
}

// The emulator's fixed identities. Tests, the sandbox mode and the e2e fixture import these, so
// they are plain constants: changing one is a breaking change for every caller.

export const EMULATOR_ACCOUNT = '123456789012';

/** Long-term IAM user key pair (the sandbox identity). */
export const EMULATOR_CREDENTIALS = {
  accessKeyId: 'AKIAEMULATORSANDBOX1',
  secretAccessKey: 'emuLatorSandboxSecretKey0000000000000000',
} as const;

/** Temporary (assumed-role) credentials: only valid together with their session token. */
export const EMULATOR_TEMP_CREDENTIALS = {
  accessKeyId: 'ASIAEMULATORSANDBOX1',
  secretAccessKey: 'emuLatorSandboxTempSecret000000000000000',
  sessionToken: 'IQoJb3JpZ2luX2VjEMULATOR//////////wEaCXVzLWVhc3QtMSJHMEUCIQDsandboxSessionToken',
  expiration: new Date('2099-01-01T00:00:00Z'),
} as const;

/** Temporary credentials whose session has expired: every call fails with ExpiredToken(Exception). */
export const EMULATOR_EXPIRED_CREDENTIALS = {
  accessKeyId: 'ASIAEMULATOREXPIRED1',
  secretAccessKey: 'emuLatorSandboxExpiredSecret000000000000',
  sessionToken: 'IQoJb3JpZ2luX2VjEMULATOR//////////wEaCXVzLWVhc3QtMSJHMEUCIQDexpiredSessionToken',
} as const;

/** A Bedrock API key (long-term), in the `ABSK…` shape AWS issues; sent as `Authorization: Bearer`. */
export const EMULATOR_BEARER_TOKEN = `ABSK${Buffer.from(`BedrockAPIKey-sandbox-at-${EMULATOR_ACCOUNT}:emulatorSandboxApiKeySecret`).toString('base64')}`;

/** A key the emulator knows: how to verify it and who it is. */
export interface EmulatorKey {
  accessKeyId: string;
  secretAccessKey: string;
  /** When set, requests must carry exactly this `x-amz-security-token`. */
  sessionToken?: string;
  /** When true, the key is recognised but its session has expired. */
  expired?: boolean;
  arn: string;
  userId: string;
}

export const DEFAULT_KEYS: readonly EmulatorKey[] = [
  {
    ...EMULATOR_CREDENTIALS,
    arn: `arn:aws:iam::${EMULATOR_ACCOUNT}:user/sandbox`,
    userId: 'AIDAEMULATORSANDBOX01',
  },
  {
    accessKeyId: EMULATOR_TEMP_CREDENTIALS.accessKeyId,
    secretAccessKey: EMULATOR_TEMP_CREDENTIALS.secretAccessKey,
    sessionToken: EMULATOR_TEMP_CREDENTIALS.sessionToken,
    arn: `arn:aws:sts::${EMULATOR_ACCOUNT}:assumed-role/SandboxRole/sandbox-session`,
    userId: 'AROAEMULATORSANDBOX01:sandbox-session',
  },
  {
    ...EMULATOR_EXPIRED_CREDENTIALS,
    expired: true,
    arn: `arn:aws:sts::${EMULATOR_ACCOUNT}:assumed-role/SandboxRole/expired-session`,
    userId: 'AROAEMULATORSANDBOX01:expired-session',
  },
];

/** A Bedrock API key the emulator accepts, and the identity it stands for. */
export interface EmulatorBearerToken {
  token: string;
  arn: string;
}

export const DEFAULT_BEARER_TOKENS: readonly EmulatorBearerToken[] = [
  { token: EMULATOR_BEARER_TOKEN, arn: `arn:aws:iam::${EMULATOR_ACCOUNT}:user/BedrockAPIKey-sandbox` },
];

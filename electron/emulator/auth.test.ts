import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BedrockClient, ListFoundationModelsCommand } from '@aws-sdk/client-bedrock';
import { BedrockRuntimeClient, ConverseCommand } from '@aws-sdk/client-bedrock-runtime';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import {
  EMULATOR_ACCOUNT,
  EMULATOR_BEARER_TOKEN,
  EMULATOR_CREDENTIALS,
  EMULATOR_EXPIRED_CREDENTIALS,
  EMULATOR_TEMP_CREDENTIALS,
  emulatorClientConfig,
  startEmulator,
  type Emulator,
} from './index';

let emu: Emulator;
const converse = { modelId: 'amazon.nova-micro-v1:0', messages: [{ role: 'user' as const, content: [{ text: 'hello' }] }] };

beforeAll(async () => {
  emu = await startEmulator({
    keys: [{ accessKeyId: 'AKIAEXTRAKEY00000001', secretAccessKey: 'extra-secret', arn: 'arn:aws:iam::210987654321:user/extra', userId: 'AIDAEXTRA' }],
  });
});
afterAll(() => emu.close());

const withCreds = (credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }) => ({ endpoint: emu.url, region: 'us-east-1', credentials, maxAttempts: 1 });

describe('STS GetCallerIdentity (awsQuery)', () => {
  it('answers who the sandbox key is', async () => {
    const sts = new STSClient(emulatorClientConfig(emu));
    const id = await sts.send(new GetCallerIdentityCommand({}));
    expect(id).toMatchObject({ Account: EMULATOR_ACCOUNT, Arn: `arn:aws:iam::${EMULATOR_ACCOUNT}:user/sandbox`, UserId: 'AIDAEMULATORSANDBOX01' });
    expect(emu.requests.at(-1)).toMatchObject({ operation: 'GetCallerIdentity', body: { Action: 'GetCallerIdentity' }, auth: { kind: 'sigv4', accessKeyId: EMULATOR_CREDENTIALS.accessKeyId } });
    sts.destroy();
  });

  it('knows temporary credentials and registered extra keys', async () => {
    const temp = await new STSClient(withCreds(EMULATOR_TEMP_CREDENTIALS)).send(new GetCallerIdentityCommand({}));
    expect(temp.Arn).toBe(`arn:aws:sts::${EMULATOR_ACCOUNT}:assumed-role/SandboxRole/sandbox-session`);
    expect(emu.requests.at(-1)?.headers['x-amz-security-token']).toBe('[redacted]');
    const extra = await new STSClient(withCreds({ accessKeyId: 'AKIAEXTRAKEY00000001', secretAccessKey: 'extra-secret' })).send(new GetCallerIdentityCommand({}));
    expect(extra).toMatchObject({ Account: '210987654321', Arn: 'arn:aws:iam::210987654321:user/extra' });
  });

  it('rejects bad credentials with the STS error codes', async () => {
    await expect(new STSClient(withCreds({ ...EMULATOR_CREDENTIALS, secretAccessKey: 'wrong' })).send(new GetCallerIdentityCommand({}))).rejects.toMatchObject({
      name: 'SignatureDoesNotMatch',
      $metadata: { httpStatusCode: 403 },
    });
    await expect(new STSClient(withCreds({ accessKeyId: 'AKIANOTKNOWN00000000', secretAccessKey: 'x' })).send(new GetCallerIdentityCommand({}))).rejects.toMatchObject({
      name: 'InvalidClientTokenId',
      message: 'The security token included in the request is invalid.',
    });
    await expect(new STSClient(withCreds(EMULATOR_EXPIRED_CREDENTIALS)).send(new GetCallerIdentityCommand({}))).rejects.toMatchObject({ name: 'ExpiredToken' });
  });
});

describe('SigV4 on Bedrock', () => {
  it('rejects a wrong secret with InvalidSignatureException and an unknown key with UnrecognizedClientException', async () => {
    const wrongSecret = new BedrockClient(withCreds({ ...EMULATOR_CREDENTIALS, secretAccessKey: 'not-the-secret' }));
    await expect(wrongSecret.send(new ListFoundationModelsCommand({}))).rejects.toMatchObject({ name: 'InvalidSignatureException', $metadata: { httpStatusCode: 403 } });
    const runtimeWrongSecret = new BedrockRuntimeClient(withCreds({ ...EMULATOR_CREDENTIALS, secretAccessKey: 'not-the-secret' }));
    await expect(runtimeWrongSecret.send(new ConverseCommand(converse))).rejects.toMatchObject({ name: 'InvalidSignatureException' });
    const unknown = new BedrockRuntimeClient(withCreds({ accessKeyId: 'AKIANOTKNOWN00000000', secretAccessKey: 'x' }));
    await expect(unknown.send(new ConverseCommand(converse))).rejects.toMatchObject({ name: 'UnrecognizedClientException' });
    // A temporary key without its session token is not recognised either.
    const noToken = new BedrockRuntimeClient(withCreds({ accessKeyId: EMULATOR_TEMP_CREDENTIALS.accessKeyId, secretAccessKey: EMULATOR_TEMP_CREDENTIALS.secretAccessKey }));
    await expect(noToken.send(new ConverseCommand(converse))).rejects.toMatchObject({ name: 'UnrecognizedClientException' });
    const expired = new BedrockClient(withCreds(EMULATOR_EXPIRED_CREDENTIALS));
    await expect(expired.send(new ListFoundationModelsCommand({}))).rejects.toMatchObject({ name: 'ExpiredTokenException' });
  });

  it('accepts temporary credentials with their session token over h2', async () => {
    const out = await new BedrockRuntimeClient(withCreds(EMULATOR_TEMP_CREDENTIALS)).send(new ConverseCommand(converse));
    expect(out.output?.message?.content?.[0]?.text).toContain('hello');
    expect(emu.requests.at(-1)).toMatchObject({ httpVersion: '2', auth: { kind: 'sigv4', accessKeyId: EMULATOR_TEMP_CREDENTIALS.accessKeyId } });
  });
});

describe('Bedrock API keys (bearer)', () => {
  it('accepts the known bearer token on the runtime and rejects others', async () => {
    const bearer = new BedrockRuntimeClient({ endpoint: emu.url, region: 'us-east-1', token: { token: EMULATOR_BEARER_TOKEN }, authSchemePreference: ['httpBearerAuth'] });
    const out = await bearer.send(new ConverseCommand(converse));
    expect(out.stopReason).toBe('end_turn');
    const rec = emu.requests.at(-1);
    expect(rec?.auth).toEqual({ kind: 'bearer' });
    expect(rec?.headers.authorization).toBe('[redacted]');

    const wrong = new BedrockRuntimeClient({ endpoint: emu.url, region: 'us-east-1', token: { token: 'ABSKbm90LWEta2V5' }, authSchemePreference: ['httpBearerAuth'], maxAttempts: 1 });
    await expect(wrong.send(new ConverseCommand(converse))).rejects.toMatchObject({ name: 'UnrecognizedClientException', $metadata: { httpStatusCode: 403 } });
  });

  it('takes the token from AWS_BEARER_TOKEN_BEDROCK and endpoints from AWS_ENDPOINT_URL_*', async () => {
    const saved = { ...process.env };
    Object.assign(process.env, {
      AWS_BEARER_TOKEN_BEDROCK: EMULATOR_BEARER_TOKEN,
      AWS_ENDPOINT_URL_BEDROCK_RUNTIME: emu.url,
      AWS_ENDPOINT_URL_BEDROCK: emu.url,
      AWS_ENDPOINT_URL_STS: emu.url,
      AWS_ACCESS_KEY_ID: EMULATOR_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: EMULATOR_CREDENTIALS.secretAccessKey,
    });
    try {
      const before = emu.requests.length;
      await new BedrockRuntimeClient({ region: 'us-east-1' }).send(new ConverseCommand(converse));
      expect(emu.requests.at(-1)?.auth?.kind).toBe('bearer');
      await new BedrockClient({ region: 'us-east-1' }).send(new ListFoundationModelsCommand({ byProvider: 'Meta' }));
      await new STSClient({ region: 'us-east-1' }).send(new GetCallerIdentityCommand({}));
      expect(emu.requests.slice(before).map((r) => r.operation)).toEqual(['Converse', 'ListFoundationModels', 'GetCallerIdentity']);
    } finally {
      process.env = saved;
    }
  });
});

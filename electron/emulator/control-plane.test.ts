import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BedrockClient,
  GetFoundationModelCommand,
  ListFoundationModelsCommand,
  ListInferenceProfilesCommand,
  paginateListInferenceProfiles,
} from '@aws-sdk/client-bedrock';
import { buildLargeCatalog, emulatorClientConfig, startEmulator, type Emulator } from './index';

let emu: Emulator;
let bedrock: BedrockClient;

beforeAll(async () => {
  emu = await startEmulator();
  bedrock = new BedrockClient(emulatorClientConfig(emu));
});
afterAll(async () => {
  bedrock.destroy();
  await emu.close();
});

describe('ListFoundationModels', () => {
  it('lists a realistic catalog with the SDK shape', async () => {
    const { modelSummaries = [] } = await bedrock.send(new ListFoundationModelsCommand({}));
    expect(modelSummaries.length).toBeGreaterThanOrEqual(25);
    expect(modelSummaries.length).toBeLessThanOrEqual(40);
    const providers = new Set(modelSummaries.map((m) => m.providerName));
    for (const p of ['Anthropic', 'Amazon', 'Meta', 'Mistral AI', 'Cohere', 'DeepSeek', 'AI21 Labs']) expect(providers).toContain(p);
    const haiku = modelSummaries.find((m) => m.modelId === 'anthropic.claude-3-haiku-20240307-v1:0');
    expect(haiku).toMatchObject({
      modelArn: 'arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0',
      modelName: 'Claude 3 Haiku',
      inputModalities: ['TEXT', 'IMAGE'],
      outputModalities: ['TEXT'],
      responseStreamingSupported: true,
      modelLifecycle: { status: 'ACTIVE' },
    });
    expect(modelSummaries.some((m) => m.modelLifecycle?.status === 'LEGACY')).toBe(true);
    expect(modelSummaries.some((m) => m.inferenceTypesSupported?.join() === 'PROVISIONED')).toBe(true);
    expect(modelSummaries.some((m) => m.inferenceTypesSupported?.join() === 'INFERENCE_PROFILE')).toBe(true);
  });

  it('applies byProvider case-insensitively and the enum filters', async () => {
    const anthropic = await bedrock.send(new ListFoundationModelsCommand({ byProvider: 'anthropic' }));
    expect(anthropic.modelSummaries?.length).toBeGreaterThan(5);
    expect(anthropic.modelSummaries?.every((m) => m.providerName === 'Anthropic')).toBe(true);

    const embeddings = await bedrock.send(new ListFoundationModelsCommand({ byOutputModality: 'EMBEDDING' }));
    expect(embeddings.modelSummaries?.length).toBeGreaterThan(1);
    expect(embeddings.modelSummaries?.every((m) => m.outputModalities?.includes('EMBEDDING') && m.responseStreamingSupported === false)).toBe(true);

    const provisioned = await bedrock.send(new ListFoundationModelsCommand({ byInferenceType: 'PROVISIONED' }));
    expect(provisioned.modelSummaries?.map((m) => m.modelId)).toContain('anthropic.claude-3-sonnet-20240229-v1:0:28k');
    expect(provisioned.modelSummaries?.every((m) => m.inferenceTypesSupported?.includes('PROVISIONED'))).toBe(true);

    const tunable = await bedrock.send(new ListFoundationModelsCommand({ byCustomizationType: 'FINE_TUNING', byProvider: 'Amazon' }));
    expect(tunable.modelSummaries?.length).toBeGreaterThan(0);
    expect(tunable.modelSummaries?.every((m) => m.customizationsSupported?.includes('FINE_TUNING') && m.providerName === 'Amazon')).toBe(true);
  });

  it('rejects an invalid enum value with a ValidationException', async () => {
    await expect(bedrock.send(new ListFoundationModelsCommand({ byOutputModality: 'AUDIO' as never }))).rejects.toMatchObject({
      name: 'ValidationException',
      message: expect.stringContaining("Value 'AUDIO' at 'byOutputModality'"),
    });
  });
});

describe('GetFoundationModel', () => {
  it('answers by id and by ARN, and 404s unknown ids', async () => {
    const byId = await bedrock.send(new GetFoundationModelCommand({ modelIdentifier: 'deepseek.r1-v1:0' }));
    expect(byId.modelDetails).toMatchObject({ modelName: 'DeepSeek-R1', providerName: 'DeepSeek', inferenceTypesSupported: ['INFERENCE_PROFILE'] });
    const byArn = await bedrock.send(new GetFoundationModelCommand({ modelIdentifier: 'arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-canvas-v1:0' }));
    expect(byArn.modelDetails?.outputModalities).toEqual(['IMAGE']);
    await expect(bedrock.send(new GetFoundationModelCommand({ modelIdentifier: 'anthropic.claude-9' }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      $metadata: { httpStatusCode: 404 },
    });
  });
});

describe('ListInferenceProfiles', () => {
  it('paginates every system profile with the caller region in the ARN', async () => {
    const euClient = new BedrockClient(emulatorClientConfig(emu, 'eu-west-1'));
    const ids: string[] = [];
    let pages = 0;
    for await (const page of paginateListInferenceProfiles({ client: euClient, pageSize: 7 }, {})) {
      pages++;
      expect(page.inferenceProfileSummaries?.length).toBeLessThanOrEqual(7);
      for (const p of page.inferenceProfileSummaries ?? []) {
        ids.push(p.inferenceProfileId as string);
        expect(p).toMatchObject({ status: 'ACTIVE', type: 'SYSTEM_DEFINED' });
        expect(p.inferenceProfileArn).toBe(`arn:aws:bedrock:eu-west-1:123456789012:inference-profile/${p.inferenceProfileId}`);
        expect(p.models?.length).toBeGreaterThan(0);
      }
    }
    euClient.destroy();
    expect(pages).toBe(Math.ceil(ids.length / 7));
    expect(pages).toBeGreaterThan(2);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every((id) => /^(us|eu|apac|global)\./.test(id))).toBe(true);
    expect(ids).toEqual(
      expect.arrayContaining([
        'us.anthropic.claude-3-7-sonnet-20250219-v1:0',
        'eu.anthropic.claude-3-7-sonnet-20250219-v1:0',
        'apac.anthropic.claude-3-7-sonnet-20250219-v1:0',
        'global.anthropic.claude-sonnet-4-20250514-v1:0',
        'us.deepseek.r1-v1:0',
      ]),
    );
    const usProfile = await bedrock.send(new ListInferenceProfilesCommand({}));
    const sonnet = usProfile.inferenceProfileSummaries?.find((p) => p.inferenceProfileId === 'us.anthropic.claude-3-7-sonnet-20250219-v1:0');
    expect(sonnet?.models?.map((m) => m.modelArn)).toContain('arn:aws:bedrock:us-west-2::foundation-model/anthropic.claude-3-7-sonnet-20250219-v1:0');
    expect(sonnet?.createdAt).toBeInstanceOf(Date);
  });

  it('rejects a forged nextToken', async () => {
    await expect(bedrock.send(new ListInferenceProfilesCommand({ nextToken: 'not-a-token' }))).rejects.toMatchObject({ name: 'ValidationException' });
  });
});

describe('custom catalogs', () => {
  it('serves a 1,000-model benchmark catalog', async () => {
    const big = await startEmulator({ catalog: buildLargeCatalog() });
    const client = new BedrockClient(emulatorClientConfig(big));
    try {
      const all = await client.send(new ListFoundationModelsCommand({}));
      expect(all.modelSummaries).toHaveLength(1000);
      const profiles = await client.send(new ListInferenceProfilesCommand({ maxResults: 1000 }));
      expect(profiles.inferenceProfileSummaries?.length).toBeGreaterThan(100);
    } finally {
      client.destroy();
      await big.close();
    }
  });
});

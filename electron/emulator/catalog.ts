// The foundation models and system inference profiles the emulator pretends to host. Ids and
// names are the ones AWS publishes, so code and docs that work here work against Bedrock.
import { EMULATOR_ACCOUNT } from './credentials';

export type InputModality = 'TEXT' | 'IMAGE' | 'VIDEO' | 'SPEECH';
export type OutputModality = 'TEXT' | 'IMAGE' | 'EMBEDDING' | 'SPEECH' | 'VIDEO';
export type InferenceType = 'ON_DEMAND' | 'PROVISIONED' | 'INFERENCE_PROFILE';
export type CustomizationType = 'FINE_TUNING' | 'CONTINUED_PRE_TRAINING' | 'DISTILLATION';
export type ProfileGeo = 'us' | 'eu' | 'apac' | 'global';

export interface CatalogModel {
  modelId: string;
  modelName: string;
  providerName: string;
  inputModalities: InputModality[];
  outputModalities: OutputModality[];
  responseStreamingSupported: boolean;
  customizationsSupported: CustomizationType[];
  inferenceTypesSupported: InferenceType[];
  lifecycle: 'ACTIVE' | 'LEGACY';
  /** System-defined cross-region inference profiles that reach this model. */
  profiles?: ProfileGeo[];
  /**
   * Emulator behaviour, not part of the AWS shape: `on-request` models think when the request
   * asks (`additionalModelRequestFields.thinking` / `reasoning_config`) and sign their reasoning;
   * `always` models (DeepSeek-R1) always reason, unsigned.
   */
  reasoning?: 'on-request' | 'always';
  /** Emulator behaviour: model access is not enabled for the account, so invoking it is denied. */
  accessDenied?: boolean;
}

export type Catalog = readonly CatalogModel[];

const TEXT: InputModality[] = ['TEXT'];
const TEXT_IMAGE: InputModality[] = ['TEXT', 'IMAGE'];
const OUT_TEXT: OutputModality[] = ['TEXT'];
const ON_DEMAND: InferenceType[] = ['ON_DEMAND'];
const PROFILE_ONLY: InferenceType[] = ['INFERENCE_PROFILE'];

function model(m: Omit<CatalogModel, 'customizationsSupported' | 'lifecycle' | 'responseStreamingSupported'> & Partial<CatalogModel>): CatalogModel {
  return { customizationsSupported: [], lifecycle: 'ACTIVE', responseStreamingSupported: true, ...m };
}

function anthropic(modelId: string, modelName: string, extra: Partial<CatalogModel> = {}): CatalogModel {
  return model({ modelId, modelName, providerName: 'Anthropic', inputModalities: TEXT_IMAGE, outputModalities: OUT_TEXT, inferenceTypesSupported: PROFILE_ONLY, ...extra });
}

/** Provisioned-throughput variants carry a context-window suffix and cannot be called on demand. */
function provisioned(base: CatalogModel, suffix: string): CatalogModel {
  return { ...base, modelId: `${base.modelId}:${suffix}`, inferenceTypesSupported: ['PROVISIONED'], profiles: undefined, customizationsSupported: [] };
}

const claude3Haiku = anthropic('anthropic.claude-3-haiku-20240307-v1:0', 'Claude 3 Haiku', {
  inferenceTypesSupported: ['ON_DEMAND', 'INFERENCE_PROFILE'],
  customizationsSupported: ['FINE_TUNING', 'DISTILLATION'],
  profiles: ['us', 'eu', 'apac'],
});
const claude3Sonnet = anthropic('anthropic.claude-3-sonnet-20240229-v1:0', 'Claude 3 Sonnet', {
  inferenceTypesSupported: ['ON_DEMAND', 'INFERENCE_PROFILE'],
  lifecycle: 'LEGACY',
  profiles: ['us', 'eu', 'apac'],
});

export const DEFAULT_CATALOG: Catalog = [
  // Anthropic
  claude3Haiku,
  provisioned(claude3Haiku, '48k'),
  claude3Sonnet,
  provisioned(claude3Sonnet, '28k'),
  anthropic('anthropic.claude-3-5-sonnet-20240620-v1:0', 'Claude 3.5 Sonnet', { inferenceTypesSupported: ['ON_DEMAND', 'INFERENCE_PROFILE'], lifecycle: 'LEGACY', profiles: ['us', 'eu', 'apac'] }),
  anthropic('anthropic.claude-3-5-sonnet-20241022-v2:0', 'Claude 3.5 Sonnet v2', { lifecycle: 'LEGACY', profiles: ['us', 'apac'] }),
  anthropic('anthropic.claude-3-5-haiku-20241022-v1:0', 'Claude 3.5 Haiku', { inputModalities: TEXT, profiles: ['us'] }),
  anthropic('anthropic.claude-3-7-sonnet-20250219-v1:0', 'Claude 3.7 Sonnet', { reasoning: 'on-request', profiles: ['us', 'eu', 'apac'] }),
  anthropic('anthropic.claude-sonnet-4-20250514-v1:0', 'Claude Sonnet 4', { reasoning: 'on-request', profiles: ['us', 'eu', 'apac', 'global'] }),
  anthropic('anthropic.claude-opus-4-20250514-v1:0', 'Claude Opus 4', { reasoning: 'on-request', profiles: ['us'] }),
  anthropic('anthropic.claude-sonnet-4-5-20250929-v1:0', 'Claude Sonnet 4.5', { reasoning: 'on-request', profiles: ['us', 'eu', 'apac', 'global'] }),
  anthropic('anthropic.claude-haiku-4-5-20251001-v1:0', 'Claude Haiku 4.5', { reasoning: 'on-request', profiles: ['us', 'eu', 'global'] }),
  anthropic('anthropic.claude-instant-v1', 'Claude Instant', { inputModalities: TEXT, inferenceTypesSupported: ON_DEMAND, lifecycle: 'LEGACY' }),
  // Amazon
  model({ modelId: 'amazon.nova-pro-v1:0', modelName: 'Nova Pro', providerName: 'Amazon', inputModalities: ['TEXT', 'IMAGE', 'VIDEO'], outputModalities: OUT_TEXT, inferenceTypesSupported: ['ON_DEMAND', 'INFERENCE_PROFILE'], customizationsSupported: ['FINE_TUNING', 'DISTILLATION'], profiles: ['us', 'eu', 'apac'] }),
  model({ modelId: 'amazon.nova-lite-v1:0', modelName: 'Nova Lite', providerName: 'Amazon', inputModalities: ['TEXT', 'IMAGE', 'VIDEO'], outputModalities: OUT_TEXT, inferenceTypesSupported: ['ON_DEMAND', 'INFERENCE_PROFILE'], customizationsSupported: ['FINE_TUNING', 'DISTILLATION'], profiles: ['us', 'eu', 'apac'] }),
  model({ modelId: 'amazon.nova-micro-v1:0', modelName: 'Nova Micro', providerName: 'Amazon', inputModalities: TEXT, outputModalities: OUT_TEXT, inferenceTypesSupported: ['ON_DEMAND', 'INFERENCE_PROFILE'], customizationsSupported: ['FINE_TUNING', 'DISTILLATION'], profiles: ['us', 'eu', 'apac'] }),
  model({ modelId: 'amazon.nova-premier-v1:0', modelName: 'Nova Premier', providerName: 'Amazon', inputModalities: ['TEXT', 'IMAGE', 'VIDEO'], outputModalities: OUT_TEXT, inferenceTypesSupported: PROFILE_ONLY, profiles: ['us'] }),
  model({ modelId: 'amazon.titan-text-express-v1', modelName: 'Titan Text G1 - Express', providerName: 'Amazon', inputModalities: TEXT, outputModalities: OUT_TEXT, inferenceTypesSupported: ON_DEMAND, customizationsSupported: ['FINE_TUNING', 'CONTINUED_PRE_TRAINING'], lifecycle: 'LEGACY' }),
  model({ modelId: 'amazon.titan-text-express-v1:0:8k', modelName: 'Titan Text G1 - Express', providerName: 'Amazon', inputModalities: TEXT, outputModalities: OUT_TEXT, inferenceTypesSupported: ['PROVISIONED'], customizationsSupported: ['FINE_TUNING', 'CONTINUED_PRE_TRAINING'], lifecycle: 'LEGACY' }),
  model({ modelId: 'amazon.titan-embed-text-v2:0', modelName: 'Titan Text Embeddings V2', providerName: 'Amazon', inputModalities: TEXT, outputModalities: ['EMBEDDING'], inferenceTypesSupported: ON_DEMAND, responseStreamingSupported: false }),
  model({ modelId: 'amazon.titan-embed-image-v1', modelName: 'Titan Multimodal Embeddings G1', providerName: 'Amazon', inputModalities: TEXT_IMAGE, outputModalities: ['EMBEDDING'], inferenceTypesSupported: ['ON_DEMAND', 'PROVISIONED'], customizationsSupported: ['FINE_TUNING'], responseStreamingSupported: false }),
  model({ modelId: 'amazon.nova-canvas-v1:0', modelName: 'Nova Canvas', providerName: 'Amazon', inputModalities: TEXT_IMAGE, outputModalities: ['IMAGE'], inferenceTypesSupported: ON_DEMAND, responseStreamingSupported: false }),
  // Meta
  model({ modelId: 'meta.llama3-8b-instruct-v1:0', modelName: 'Llama 3 8B Instruct', providerName: 'Meta', inputModalities: TEXT, outputModalities: OUT_TEXT, inferenceTypesSupported: ON_DEMAND }),
  model({ modelId: 'meta.llama3-2-11b-instruct-v1:0', modelName: 'Llama 3.2 11B Instruct', providerName: 'Meta', inputModalities: TEXT_IMAGE, outputModalities: OUT_TEXT, inferenceTypesSupported: PROFILE_ONLY, customizationsSupported: ['FINE_TUNING'], profiles: ['us'] }),
  model({ modelId: 'meta.llama3-2-90b-instruct-v1:0', modelName: 'Llama 3.2 90B Instruct', providerName: 'Meta', inputModalities: TEXT_IMAGE, outputModalities: OUT_TEXT, inferenceTypesSupported: PROFILE_ONLY, customizationsSupported: ['FINE_TUNING'], profiles: ['us'] }),
  model({ modelId: 'meta.llama3-3-70b-instruct-v1:0', modelName: 'Llama 3.3 70B Instruct', providerName: 'Meta', inputModalities: TEXT, outputModalities: OUT_TEXT, inferenceTypesSupported: PROFILE_ONLY, profiles: ['us'] }),
  model({ modelId: 'meta.llama4-maverick-17b-instruct-v1:0', modelName: 'Llama 4 Maverick 17B Instruct', providerName: 'Meta', inputModalities: TEXT_IMAGE, outputModalities: OUT_TEXT, inferenceTypesSupported: PROFILE_ONLY, profiles: ['us'] }),
  // Mistral AI
  model({ modelId: 'mistral.mistral-7b-instruct-v0:2', modelName: 'Mistral 7B Instruct', providerName: 'Mistral AI', inputModalities: TEXT, outputModalities: OUT_TEXT, inferenceTypesSupported: ON_DEMAND }),
  model({ modelId: 'mistral.mixtral-8x7b-instruct-v0:1', modelName: 'Mixtral 8x7B Instruct', providerName: 'Mistral AI', inputModalities: TEXT, outputModalities: OUT_TEXT, inferenceTypesSupported: ON_DEMAND }),
  model({ modelId: 'mistral.mistral-large-2402-v1:0', modelName: 'Mistral Large (24.02)', providerName: 'Mistral AI', inputModalities: TEXT, outputModalities: OUT_TEXT, inferenceTypesSupported: ON_DEMAND }),
  model({ modelId: 'mistral.pixtral-large-2502-v1:0', modelName: 'Pixtral Large (25.02)', providerName: 'Mistral AI', inputModalities: TEXT_IMAGE, outputModalities: OUT_TEXT, inferenceTypesSupported: PROFILE_ONLY, profiles: ['us', 'eu'] }),
  // Cohere
  model({ modelId: 'cohere.command-r-plus-v1:0', modelName: 'Command R+', providerName: 'Cohere', inputModalities: TEXT, outputModalities: OUT_TEXT, inferenceTypesSupported: ON_DEMAND }),
  model({ modelId: 'cohere.command-r-v1:0', modelName: 'Command R', providerName: 'Cohere', inputModalities: TEXT, outputModalities: OUT_TEXT, inferenceTypesSupported: ON_DEMAND }),
  model({ modelId: 'cohere.embed-english-v3', modelName: 'Embed English', providerName: 'Cohere', inputModalities: TEXT, outputModalities: ['EMBEDDING'], inferenceTypesSupported: ON_DEMAND, responseStreamingSupported: false }),
  // DeepSeek
  model({ modelId: 'deepseek.r1-v1:0', modelName: 'DeepSeek-R1', providerName: 'DeepSeek', inputModalities: TEXT, outputModalities: OUT_TEXT, inferenceTypesSupported: PROFILE_ONLY, reasoning: 'always', profiles: ['us'] }),
  // AI21 Labs
  model({ modelId: 'ai21.jamba-1-5-large-v1:0', modelName: 'Jamba 1.5 Large', providerName: 'AI21 Labs', inputModalities: TEXT, outputModalities: OUT_TEXT, inferenceTypesSupported: ON_DEMAND, accessDenied: true }),
  model({ modelId: 'ai21.jamba-1-5-mini-v1:0', modelName: 'Jamba 1.5 Mini', providerName: 'AI21 Labs', inputModalities: TEXT, outputModalities: OUT_TEXT, inferenceTypesSupported: ON_DEMAND }),
  model({ modelId: 'ai21.j2-ultra-v1', modelName: 'Jurassic-2 Ultra', providerName: 'AI21 Labs', inputModalities: TEXT, outputModalities: OUT_TEXT, inferenceTypesSupported: ON_DEMAND, lifecycle: 'LEGACY', responseStreamingSupported: false }),
];

/** A synthetic catalog of `count` models (default 1,000) for benchmarks of listing and filtering. */
export function buildLargeCatalog(count = 1000): CatalogModel[] {
  const providers: [string, string][] = [
    ['Anthropic', 'anthropic'],
    ['Amazon', 'amazon'],
    ['Meta', 'meta'],
    ['Mistral AI', 'mistral'],
    ['Cohere', 'cohere'],
    ['DeepSeek', 'deepseek'],
    ['AI21 Labs', 'ai21'],
  ];
  const geos: ProfileGeo[][] = [['us'], ['us', 'eu'], ['us', 'eu', 'apac', 'global']];
  return Array.from({ length: count }, (_, i) => {
    const [providerName, prefix] = providers[i % providers.length] as [string, string];
    const kind = i % 10;
    const profileOnly = kind === 3 || kind === 7;
    return model({
      modelId: `${prefix}.synthetic-model-${String(i).padStart(4, '0')}-v1:0`,
      modelName: `${providerName} Synthetic ${i}`,
      providerName,
      inputModalities: i % 3 === 0 ? TEXT_IMAGE : TEXT,
      outputModalities: kind === 9 ? ['EMBEDDING'] : OUT_TEXT,
      responseStreamingSupported: kind !== 9,
      inferenceTypesSupported: profileOnly ? PROFILE_ONLY : kind === 5 ? ['PROVISIONED'] : ON_DEMAND,
      lifecycle: kind === 8 ? 'LEGACY' : 'ACTIVE',
      profiles: profileOnly ? geos[i % geos.length] : undefined,
      reasoning: kind === 7 ? 'on-request' : undefined,
    });
  });
}

const GEO_REGIONS: Record<ProfileGeo, string[]> = {
  us: ['us-east-1', 'us-east-2', 'us-west-2'],
  eu: ['eu-central-1', 'eu-west-1', 'eu-west-3', 'eu-north-1'],
  apac: ['ap-northeast-1', 'ap-northeast-2', 'ap-south-1', 'ap-southeast-1', 'ap-southeast-2'],
  // Global profiles route anywhere; AWS lists the model with a region-less ARN.
  global: [''],
};
const GEO_LABEL: Record<ProfileGeo, string> = { us: 'US', eu: 'EU', apac: 'APAC', global: 'Global' };
const PROFILE_CREATED = '2024-08-23T00:00:00Z';

export function foundationModelArn(region: string, modelId: string): string {
  return `arn:aws:bedrock:${region}::foundation-model/${modelId}`;
}

export interface InferenceProfile {
  inferenceProfileId: string;
  inferenceProfileName: string;
  description: string;
  geo: ProfileGeo;
  model: CatalogModel;
}

/** Lookups over one catalog, built once (the benchmark catalog has 1,000 models). */
export class CatalogIndex {
  readonly models: Catalog;
  readonly profiles: InferenceProfile[];
  private readonly byId = new Map<string, CatalogModel>();
  private readonly profileById = new Map<string, InferenceProfile>();

  constructor(models: Catalog) {
    this.models = models;
    for (const m of models) this.byId.set(m.modelId, m);
    this.profiles = models.flatMap((m) =>
      (m.profiles ?? []).map((geo) => {
        const regions = GEO_REGIONS[geo].filter(Boolean);
        const where = regions.length > 0 ? ` in ${regions.join(', ')}` : ' in all commercial AWS Regions';
        return {
          inferenceProfileId: `${geo}.${m.modelId}`,
          inferenceProfileName: `${GEO_LABEL[geo]} ${m.providerName} ${m.modelName}`,
          description: `Routes requests to ${m.providerName} ${m.modelName}${where}.`,
          geo,
          model: m,
        };
      }),
    );
    for (const p of this.profiles) this.profileById.set(p.inferenceProfileId, p);
  }

  /** A foundation model by id or foundation-model ARN. */
  model(idOrArn: string): CatalogModel | undefined {
    const match = /^arn:aws[a-z-]*:bedrock:[a-z0-9-]*::foundation-model\/(.+)$/.exec(idOrArn);
    return this.byId.get(match ? (match[1] as string) : idOrArn);
  }

  /** A system inference profile by id or inference-profile ARN. */
  profile(idOrArn: string): InferenceProfile | undefined {
    const match = /^arn:aws[a-z-]*:bedrock:[a-z0-9-]*:\d{12}:inference-profile\/(.+)$/.exec(idOrArn);
    return this.profileById.get(match ? (match[1] as string) : idOrArn);
  }
}

/** The ListFoundationModels / GetFoundationModel wire shape of a model. */
export function modelSummary(m: CatalogModel, region: string): Record<string, unknown> {
  const lifecycle: Record<string, unknown> = { status: m.lifecycle };
  if (m.lifecycle === 'LEGACY') {
    lifecycle.legacyTime = '2025-07-01T00:00:00Z';
    lifecycle.endOfLifeTime = '2026-07-01T00:00:00Z';
  }
  return {
    modelArn: foundationModelArn(region, m.modelId),
    modelId: m.modelId,
    modelName: m.modelName,
    providerName: m.providerName,
    inputModalities: m.inputModalities,
    outputModalities: m.outputModalities,
    responseStreamingSupported: m.responseStreamingSupported,
    customizationsSupported: m.customizationsSupported,
    inferenceTypesSupported: m.inferenceTypesSupported,
    modelLifecycle: lifecycle,
  };
}

/** The ListInferenceProfiles wire shape of a profile; its ARN lives in the caller's region. */
export function profileSummary(p: InferenceProfile, region: string, account = EMULATOR_ACCOUNT): Record<string, unknown> {
  return {
    inferenceProfileName: p.inferenceProfileName,
    inferenceProfileArn: `arn:aws:bedrock:${region}:${account}:inference-profile/${p.inferenceProfileId}`,
    inferenceProfileId: p.inferenceProfileId,
    description: p.description,
    models: GEO_REGIONS[p.geo].map((r) => ({ modelArn: foundationModelArn(r, p.model.modelId) })),
    status: 'ACTIVE',
    type: 'SYSTEM_DEFINED',
    createdAt: PROFILE_CREATED,
    updatedAt: PROFILE_CREATED,
  };
}

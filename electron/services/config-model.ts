// Typed, defensive views of the parts of a Moltbot config that Bedrock Desk manages. The file
// is hand-edited JSON5, so every accessor tolerates missing keys and wrong types: a field of
// the wrong type reads as absent instead of crashing the app.
import type { InputModality, ManagedConfig, ModelCost } from '../../shared/types';

export type MoltbotConfig = Record<string, unknown>;

export const PROVIDER_ID = 'amazon-bedrock';

/** `models.bedrockDiscovery`: the same fields the renderer's form edits (shared/types.ts). */
export type BedrockDiscoverySettings = ManagedConfig['bedrockDiscovery'];

export interface ConfiguredModel {
  id: string;
  name?: string;
  reasoning?: boolean;
  input?: InputModality[];
  cost?: ModelCost;
  contextWindow?: number;
  maxTokens?: number;
}

export interface BedrockProviderSettings {
  baseUrl?: string;
  api?: string;
  auth?: string;
  models: ConfiguredModel[];
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  !!value && typeof value === 'object' && !Array.isArray(value);
const str = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() ? value.trim() : undefined);
const num = (value: unknown): number | undefined => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);
const bool = (value: unknown): boolean | undefined => (typeof value === 'boolean' ? value : undefined);

/** Reads `a.b[0].c` style paths (Moltbot's `config get` notation). */
export function getAtPath(root: unknown, path: string): unknown {
  const parts = path.match(/[^.[\]]+/g) ?? [];
  let node: unknown = root;
  for (const part of parts) {
    if (Array.isArray(node) && /^\d+$/.test(part)) node = node[Number(part)];
    else if (isRecord(node) && Object.hasOwn(node, part)) node = node[part];
    else return undefined;
  }
  return node;
}

export function bedrockDiscovery(config: MoltbotConfig): BedrockDiscoverySettings {
  const raw = getAtPath(config, 'models.bedrockDiscovery');
  if (!isRecord(raw)) return {};
  const settings: BedrockDiscoverySettings = {};
  const enabled = bool(raw.enabled);
  const region = str(raw.region);
  const refreshInterval = num(raw.refreshInterval);
  const defaultContextWindow = num(raw.defaultContextWindow);
  const defaultMaxTokens = num(raw.defaultMaxTokens);
  if (enabled !== undefined) settings.enabled = enabled;
  if (region) settings.region = region;
  if (Array.isArray(raw.providerFilter)) settings.providerFilter = raw.providerFilter.filter((v): v is string => typeof v === 'string');
  if (refreshInterval !== undefined) settings.refreshInterval = refreshInterval;
  if (defaultContextWindow !== undefined) settings.defaultContextWindow = defaultContextWindow;
  if (defaultMaxTokens !== undefined) settings.defaultMaxTokens = defaultMaxTokens;
  return settings;
}

function readCost(raw: unknown): ModelCost | undefined {
  if (!isRecord(raw)) return undefined;
  const input = num(raw.input);
  const output = num(raw.output);
  if (input === undefined || output === undefined) return undefined;
  const cost: ModelCost = { input, output };
  const cacheRead = num(raw.cacheRead);
  const cacheWrite = num(raw.cacheWrite);
  if (cacheRead !== undefined) cost.cacheRead = cacheRead;
  if (cacheWrite !== undefined) cost.cacheWrite = cacheWrite;
  return cost;
}

function readModel(raw: unknown): ConfiguredModel | undefined {
  if (!isRecord(raw)) return undefined;
  const id = str(raw.id);
  if (!id) return undefined;
  const model: ConfiguredModel = { id };
  const name = str(raw.name);
  const reasoning = bool(raw.reasoning);
  const cost = readCost(raw.cost);
  const contextWindow = num(raw.contextWindow);
  const maxTokens = num(raw.maxTokens);
  if (name) model.name = name;
  if (reasoning !== undefined) model.reasoning = reasoning;
  if (Array.isArray(raw.input)) {
    model.input = raw.input.filter((v): v is InputModality => v === 'text' || v === 'image' || v === 'document');
  }
  if (cost) model.cost = cost;
  if (contextWindow !== undefined) model.contextWindow = contextWindow;
  if (maxTokens !== undefined) model.maxTokens = maxTokens;
  return model;
}

export function bedrockProvider(config: MoltbotConfig): BedrockProviderSettings {
  const raw = getAtPath(config, 'models.providers');
  const provider = isRecord(raw) ? raw[PROVIDER_ID] : undefined;
  if (!isRecord(provider)) return { models: [] };
  const settings: BedrockProviderSettings = {
    models: Array.isArray(provider.models) ? provider.models.map(readModel).filter((m): m is ConfiguredModel => !!m) : [],
  };
  const baseUrl = str(provider.baseUrl);
  const api = str(provider.api);
  const auth = str(provider.auth);
  if (baseUrl) settings.baseUrl = baseUrl;
  if (api) settings.api = api;
  if (auth) settings.auth = auth;
  return settings;
}

/** `agents.defaults.model.primary`, e.g. "amazon-bedrock/anthropic.claude-…". */
export function primaryModelRef(config: MoltbotConfig): string | undefined {
  return str(getAtPath(config, 'agents.defaults.model.primary'));
}

/** The Bedrock model id of the primary model, or undefined when it belongs to another provider. */
export function primaryBedrockModelId(config: MoltbotConfig): string | undefined {
  const ref = primaryModelRef(config);
  const prefix = `${PROVIDER_ID}/`;
  return ref?.startsWith(prefix) ? ref.slice(prefix.length) || undefined : undefined;
}

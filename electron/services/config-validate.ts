// Analysis of config text (a file or an unsaved buffer): the managed parts as the form shows
// them, every problem pointed at its line, column and field path, and the effective discovery
// settings with the reason each applies. Fast and total: it runs on every keystroke and never throws.
import { JsonArrayNode, JsonObjectNode, type JsonValueNode } from '@croct/json5-parser';
import type { ConfigAnalysis, ConfigIssue, EffectiveDiscovery, InputModality, ManagedConfig, ManagedModel, RegionView } from '../../shared/types';
import { PROVIDER_ID } from './config-model';
import { parseDocument } from './config-edit';
import { formatConfigPath, type PathSegment } from './config-path';
import { DEFAULT_REGION } from './region';

export const DISCOVERY_DEFAULTS = { refreshInterval: 3600, defaultContextWindow: 32000, defaultMaxTokens: 4096 } as const;
export const BEDROCK_API = 'bedrock-converse-stream';
export const BEDROCK_AUTH = 'aws-sdk';

/** What the effective values depend on beyond the text: found credentials and the region chain. */
export interface EffectiveInputs {
  credentials?: { found: boolean; label?: string };
  /** The region that applies when the config sets none (from --region, AWS_REGION, …, or the default). */
  region?: RegionView;
}

export interface Analysis extends ConfigAnalysis {
  /** The parsed config (json5), when it parses. */
  value?: Record<string, unknown>;
}

const isRecord = (value: unknown): value is Record<string, unknown> => !!value && typeof value === 'object' && !Array.isArray(value);
const isInt = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value);

export function runtimeEndpoint(region: string): string {
  return `https://bedrock-runtime.${region}.amazonaws.com${region.startsWith('cn-') ? '.cn' : ''}`;
}

/** `https://…`, or `http://` to this machine only (the emulator, a local proxy). */
export function baseUrlProblem(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'must be a URL such as https://bedrock-runtime.us-east-1.amazonaws.com';
  }
  if (url.protocol === 'https:') return undefined;
  const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname) || /^127\./.test(url.hostname);
  if (url.protocol === 'http:' && loopback) return undefined;
  return url.protocol === 'http:' ? 'must use https:// (plain http is allowed only for localhost)' : 'must be an https:// URL';
}

class Checker {
  readonly issues: ConfigIssue[] = [];
  constructor(private readonly root: JsonObjectNode | undefined) {}

  /** Line/column of the value at `path`, or of its nearest existing parent. */
  position(path: readonly PathSegment[]): { line: number; column: number } {
    let node: JsonValueNode | undefined = this.root;
    let best = { line: 1, column: 1 };
    for (const segment of path) {
      let next: JsonValueNode | undefined;
      if (node instanceof JsonObjectNode && typeof segment === 'string') {
        const property = node.properties.filter((p) => String(p.key.toJSON()) === segment).pop();
        next = property?.value;
      } else if (node instanceof JsonArrayNode && typeof segment === 'number') next = node.elements[segment];
      if (!next) break;
      node = next;
      if (next.location.start.line > 0) best = { line: next.location.start.line, column: next.location.start.column };
    }
    if (node === this.root && this.root && this.root.location.start.line > 0) best = { line: this.root.location.start.line, column: this.root.location.start.column };
    return best;
  }

  add(path: readonly PathSegment[], message: string, severity: ConfigIssue['severity'] = 'error'): void {
    this.issues.push({ path: formatConfigPath(path), message, severity, ...this.position(path) });
  }

  object(value: unknown, path: readonly PathSegment[]): Record<string, unknown> | undefined {
    if (value === undefined || value === null) return undefined;
    if (!isRecord(value)) {
      this.add(path, 'must be an object ({ … })');
      return undefined;
    }
    return value;
  }
}

function checkDiscovery(c: Checker, raw: unknown): ManagedConfig['bedrockDiscovery'] {
  const path = ['models', 'bedrockDiscovery'];
  const out: ManagedConfig['bedrockDiscovery'] = {};
  const d = c.object(raw, path);
  if (!d) return out;
  if (d.enabled !== undefined) {
    if (typeof d.enabled === 'boolean') out.enabled = d.enabled;
    else c.add([...path, 'enabled'], 'must be true or false');
  }
  if (d.region !== undefined) {
    if (typeof d.region !== 'string' || !d.region.trim()) c.add([...path, 'region'], 'must be a region name such as "us-east-1"');
    else {
      out.region = d.region;
      if (!/^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-\d+$/.test(d.region.trim())) c.add([...path, 'region'], `"${d.region}" does not look like an AWS region (e.g. us-east-1)`, 'warning');
    }
  }
  if (d.providerFilter !== undefined) {
    if (!Array.isArray(d.providerFilter)) c.add([...path, 'providerFilter'], 'must be a list of provider names, e.g. ["anthropic", "amazon"]');
    else {
      const names: string[] = [];
      d.providerFilter.forEach((item, i) => {
        if (typeof item === 'string' && item.trim()) names.push(item);
        else c.add([...path, 'providerFilter', i], 'must be a provider name (a non-empty string)');
      });
      out.providerFilter = names;
    }
  }
  const integer = (key: 'refreshInterval' | 'defaultContextWindow' | 'defaultMaxTokens', min: number) => {
    const value = d[key];
    if (value === undefined) return;
    if (isInt(value) && value >= min) out[key] = value;
    else c.add([...path, key], min === 0 ? 'must be a whole number of seconds, 0 or more (0 = no cache)' : 'must be a positive whole number');
  };
  integer('refreshInterval', 0);
  integer('defaultContextWindow', 1);
  integer('defaultMaxTokens', 1);
  for (const key of Object.keys(d)) {
    if (!['enabled', 'region', 'providerFilter', 'refreshInterval', 'defaultContextWindow', 'defaultMaxTokens'].includes(key)) {
      c.add([...path, key], `is not a Moltbot discovery setting (known: enabled, region, providerFilter, refreshInterval, defaultContextWindow, defaultMaxTokens)`, 'warning');
    }
  }
  return out;
}

function checkModel(c: Checker, raw: unknown, path: PathSegment[]): ManagedModel {
  const m = c.object(raw, path);
  if (!m) {
    if (raw === undefined || raw === null) c.add(path, 'must be a model ({ id: … })');
    return { id: '' };
  }
  const model: ManagedModel = { id: typeof m.id === 'string' ? m.id : '' };
  if (typeof m.id !== 'string' || !m.id.trim()) c.add([...path, 'id'], m.id === undefined ? 'id is required (the Bedrock model id)' : 'must be the Bedrock model id (a non-empty string)');
  if (m.name !== undefined) {
    if (typeof m.name === 'string') model.name = m.name;
    else c.add([...path, 'name'], 'must be a string');
  }
  if (m.reasoning !== undefined) {
    if (typeof m.reasoning === 'boolean') model.reasoning = m.reasoning;
    else c.add([...path, 'reasoning'], 'must be true or false');
  }
  if (m.input !== undefined) {
    if (!Array.isArray(m.input)) c.add([...path, 'input'], 'must be a list: ["text"] or ["text", "image"]');
    else {
      const input: InputModality[] = [];
      m.input.forEach((item, i) => {
        if (item === 'text' || item === 'image') input.push(item);
        else c.add([...path, 'input', i], `must be "text" or "image"`);
      });
      model.input = input;
    }
  }
  if (m.cost !== undefined) {
    const cost = c.object(m.cost, [...path, 'cost']);
    if (cost) {
      model.cost = {};
      for (const key of Object.keys(cost)) {
        const value = cost[key];
        if (!['input', 'output', 'cacheRead', 'cacheWrite'].includes(key)) {
          c.add([...path, 'cost', key], 'is not a cost field (known: input, output, cacheRead, cacheWrite)', 'warning');
        } else if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
          c.add([...path, 'cost', key], 'must be a number of USD per million tokens, 0 or more');
        } else model.cost[key as 'input'] = value;
      }
    }
  }
  for (const key of ['contextWindow', 'maxTokens'] as const) {
    const value = m[key];
    if (value === undefined) continue;
    if (isInt(value) && value > 0) model[key] = value;
    else c.add([...path, key], 'must be a positive whole number of tokens');
  }
  return model;
}

function checkProvider(c: Checker, rawProviders: unknown): ManagedConfig['provider'] {
  const out: ManagedConfig['provider'] = { models: [] };
  const providers = c.object(rawProviders, ['models', 'providers']);
  if (!providers) return out;
  const path: PathSegment[] = ['models', 'providers', PROVIDER_ID];
  const p = c.object(providers[PROVIDER_ID], path);
  if (!p) return out;
  if (p.baseUrl !== undefined) {
    if (typeof p.baseUrl !== 'string') c.add([...path, 'baseUrl'], 'must be a URL string');
    else {
      out.baseUrl = p.baseUrl;
      const problem = baseUrlProblem(p.baseUrl);
      if (problem) c.add([...path, 'baseUrl'], problem);
    }
  }
  if (p.api !== undefined) {
    if (typeof p.api === 'string') out.api = p.api;
    if (p.api !== BEDROCK_API) c.add([...path, 'api'], `must be "${BEDROCK_API}" for Amazon Bedrock`);
  }
  if (p.auth !== undefined) {
    if (typeof p.auth === 'string') out.auth = p.auth;
    if (p.auth !== BEDROCK_AUTH) c.add([...path, 'auth'], `must be "${BEDROCK_AUTH}" (the AWS SDK credential chain)`);
  }
  if (p.models !== undefined) {
    if (!Array.isArray(p.models)) c.add([...path, 'models'], 'must be a list of models');
    else {
      // Index-aligned with the file, so the form's row i edits models[i].
      out.models = p.models.map((raw, i) => checkModel(c, raw, [...path, 'models', i]));
      const seen = new Map<string, number>();
      out.models.forEach((model, i) => {
        if (!model.id) return;
        const first = seen.get(model.id);
        if (first !== undefined) c.add([...path, 'models', i, 'id'], `duplicates models[${first}] ("${model.id}")`, 'warning');
        else seen.set(model.id, i);
      });
    }
  }
  return out;
}

function checkPrimary(c: Checker, config: Record<string, unknown>): string | undefined {
  const path = ['agents', 'defaults', 'model', 'primary'];
  const agents = isRecord(config.agents) ? config.agents : undefined;
  const defaults = agents && isRecord(agents.defaults) ? agents.defaults : undefined;
  const model = defaults?.model;
  if (!isRecord(model)) return undefined; // absent, or Moltbot's other shapes: not ours to judge
  const primary = model.primary;
  if (primary === undefined) return undefined;
  if (typeof primary !== 'string' || !primary.trim()) {
    c.add(path, 'must be "provider/model", e.g. "amazon-bedrock/anthropic.claude-3-haiku-20240307-v1:0"');
    return undefined;
  }
  if (!primary.includes('/')) c.add(path, `must be "provider/model" (for Bedrock: "${PROVIDER_ID}/${primary}")`);
  else if (primary.startsWith(`${PROVIDER_ID}/`) && primary.length === PROVIDER_ID.length + 1) c.add(path, 'the Bedrock model id is missing after "amazon-bedrock/"');
  return primary;
}

function effectiveDiscovery(d: ManagedConfig['bedrockDiscovery'], raw: Record<string, unknown> | undefined, inputs: EffectiveInputs): EffectiveDiscovery {
  const invalid = (key: string) => (raw && raw[key] !== undefined ? ' (the configured value is invalid)' : '');
  const found = inputs.credentials?.found ?? false;
  const label = inputs.credentials?.label;
  const enabled =
    d.enabled !== undefined ? { value: d.enabled, reason: 'set in the config' }
    : found ? { value: true, reason: `because credentials were found${label ? ` (${label})` : ''}` }
    : { value: false, reason: `because no AWS credentials were found${invalid('enabled')}` };
  const fallback = inputs.region ?? { region: DEFAULT_REGION, origin: 'default' as const };
  const fromOrigin: Record<RegionView['origin'], string> = {
    cli: 'from --region, which overrides the config',
    config: 'set in the config',
    AWS_REGION: 'from AWS_REGION',
    AWS_DEFAULT_REGION: 'from AWS_DEFAULT_REGION',
    profile: 'from the AWS profile',
    default: 'the default',
    sandbox: 'the sandbox region',
  };
  const region =
    fallback.origin === 'cli' || !d.region ? { value: fallback.region, reason: fromOrigin[fallback.origin] + (fallback.origin === 'cli' ? '' : invalid('region')) }
    : { value: d.region.trim(), reason: 'set in the config' };
  const numeric = (key: 'refreshInterval' | 'defaultContextWindow' | 'defaultMaxTokens', note = '') =>
    d[key] !== undefined ? { value: d[key] as number, reason: 'set in the config' } : { value: DISCOVERY_DEFAULTS[key], reason: `the default${note}${invalid(key)}` };
  return {
    enabled,
    region,
    providerFilter: d.providerFilter !== undefined ? { value: d.providerFilter, reason: d.providerFilter.length ? 'set in the config' : 'set in the config (empty: every provider)' } : { value: [], reason: `the default: every provider${invalid('providerFilter')}` },
    refreshInterval: numeric('refreshInterval', ' (1 hour)'),
    defaultContextWindow: numeric('defaultContextWindow'),
    defaultMaxTokens: numeric('defaultMaxTokens'),
  };
}

/** Parses and validates config text. Never throws. */
export function analyzeConfigText(text: string, inputs: EffectiveInputs = {}): Analysis {
  try {
    return analyze(text, inputs);
  } catch (error) {
    const region = inputs.region?.region ?? DEFAULT_REGION;
    return { issues: [{ path: '', message: `Bedrock Desk could not analyse this config: ${(error as Error).message}`, line: 1, column: 1, severity: 'error' }], suggestedBaseUrl: runtimeEndpoint(region) };
  }
}

function analyze(text: string, inputs: EffectiveInputs): Analysis {
  const doc = parseDocument(text);
  if (!doc.ok) {
    const region = inputs.region?.region ?? DEFAULT_REGION;
    return { issues: [{ path: '', message: doc.message, line: doc.line, column: doc.column, severity: 'error' }], suggestedBaseUrl: runtimeEndpoint(region) };
  }
  const c = new Checker(doc.blank ? undefined : doc.root);
  const config = doc.value;
  const models = c.object(config.models, ['models']);
  const rawDiscovery = models && isRecord(models.bedrockDiscovery) ? models.bedrockDiscovery : undefined;
  const bedrockDiscovery = checkDiscovery(c, models?.bedrockDiscovery);
  const provider = checkProvider(c, models?.providers);
  const primary = checkPrimary(c, config);
  const managed: ManagedConfig = { bedrockDiscovery, provider, ...(primary !== undefined ? { primary } : {}) };
  const effective = effectiveDiscovery(bedrockDiscovery, rawDiscovery, inputs);
  c.issues.sort((a, b) => a.line - b.line || a.column - b.column);
  return { managed, issues: c.issues, effective, suggestedBaseUrl: runtimeEndpoint(effective.region.value), value: config };
}

// Bedrock control plane (REST-JSON): ListFoundationModels, GetFoundationModel, ListInferenceProfiles.
import { modelSummary, profileSummary } from './catalog';
import type { HandlerContext } from './context';
import { EmuError, type EmuRequest } from './http';

const ENUMS = {
  byCustomizationType: ['FINE_TUNING', 'CONTINUED_PRE_TRAINING', 'DISTILLATION'],
  byOutputModality: ['TEXT', 'IMAGE', 'EMBEDDING'],
  byInferenceType: ['ON_DEMAND', 'PROVISIONED'],
  type: ['SYSTEM_DEFINED', 'APPLICATION'],
} as const;

/** AWS's wording for a failed enum constraint, so the app shows what AWS would show. */
function checkEnum(name: keyof typeof ENUMS, value: string | null): void {
  if (value === null) return;
  const allowed: readonly string[] = ENUMS[name];
  if (!allowed.includes(value)) {
    throw new EmuError(400, 'ValidationException', `1 validation error detected: Value '${value}' at '${name}' failed to satisfy constraint: Member must satisfy enum value set: [${allowed.join(', ')}]`);
  }
}

export function listFoundationModels(req: EmuRequest, ctx: HandlerContext): unknown {
  const q = req.query;
  const provider = q.get('byProvider');
  if (provider !== null && !/^[A-Za-z0-9- ]{1,63}$/.test(provider)) {
    throw new EmuError(400, 'ValidationException', `1 validation error detected: Value '${provider}' at 'byProvider' failed to satisfy constraint: Member must satisfy regular expression pattern: [A-Za-z0-9- ]{1,63}`);
  }
  checkEnum('byCustomizationType', q.get('byCustomizationType'));
  checkEnum('byOutputModality', q.get('byOutputModality'));
  checkEnum('byInferenceType', q.get('byInferenceType'));
  const wanted = provider?.toLowerCase();
  const models = ctx.index.models.filter((m) => {
    // Providers match by display name or by model-id prefix ("mistral" finds "Mistral AI").
    if (wanted && m.providerName.toLowerCase() !== wanted && m.modelId.split('.')[0] !== wanted) return false;
    const ct = q.get('byCustomizationType');
    if (ct && !m.customizationsSupported.includes(ct as never)) return false;
    const om = q.get('byOutputModality');
    if (om && !m.outputModalities.includes(om as never)) return false;
    const it = q.get('byInferenceType');
    if (it && !m.inferenceTypesSupported.includes(it as never)) return false;
    return true;
  });
  return { modelSummaries: models.map((m) => modelSummary(m, ctx.region)) };
}

export function getFoundationModel(modelIdentifier: string, ctx: HandlerContext): unknown {
  const model = ctx.index.model(modelIdentifier);
  if (!model) throw new EmuError(404, 'ResourceNotFoundException', 'The specified model identifier does not exist.');
  return { modelDetails: modelSummary(model, ctx.region) };
}

/** nextToken is an opaque cursor; ours is the base64 offset, validated like AWS validates its own. */
function decodeToken(token: string | null): number {
  if (token === null) return 0;
  const n = Number(Buffer.from(token, 'base64').toString('utf8').replace(/^offset:/, ''));
  if (!Number.isInteger(n) || n < 0) throw new EmuError(400, 'ValidationException', 'The provided pagination token is invalid.');
  return n;
}

export function listInferenceProfiles(req: EmuRequest, ctx: HandlerContext): unknown {
  const q = req.query;
  checkEnum('type', q.get('type'));
  const rawMax = q.get('maxResults');
  const max = rawMax === null ? 1000 : Number(rawMax);
  if (!Number.isInteger(max) || max < 1 || max > 1000) {
    throw new EmuError(400, 'ValidationException', `1 validation error detected: Value '${rawMax}' at 'maxResults' failed to satisfy constraint: Member must have value between 1 and 1000`);
  }
  // All emulated profiles are system-defined; asking for APPLICATION profiles yields none.
  const all = q.get('type') === 'APPLICATION' ? [] : ctx.index.profiles;
  const from = decodeToken(q.get('nextToken'));
  const page = all.slice(from, from + max);
  const next = from + max < all.length ? Buffer.from(`offset:${from + max}`).toString('base64') : undefined;
  const body: Record<string, unknown> = { inferenceProfileSummaries: page.map((p) => profileSummary(p, ctx.region)) };
  if (next) body.nextToken = next;
  return body;
}

// "Can I use this model?" for the browser. The service says so (from metadata and from the real
// error of a failed call); when it has not, the same answer is derived here from the metadata.
import type { ModelStatus, ModelStatusKind, ModelSummary } from '../../../shared/types';

export const STATUS_LABEL: Record<ModelStatusKind, string> = {
  ready: 'Ready',
  'via-profile': 'Via profile',
  'provisioned-only': 'Provisioned only',
  legacy: 'Legacy',
  'no-access': 'No access',
  'permission-missing': 'Permission missing',
  unavailable: 'Unavailable',
};

/** Statuses under which a chat with the model can work (legacy models still answer until retired). */
const USABLE: ReadonlySet<ModelStatusKind> = new Set<ModelStatusKind>(['ready', 'via-profile', 'legacy']);

export function isUsable(kind: ModelStatusKind): boolean {
  return USABLE.has(kind);
}

export function statusOf(model: ModelSummary): ModelStatus {
  if (model.status) return model.status;
  if (model.invocation.mode === 'provisioned-only') {
    return {
      kind: 'provisioned-only',
      message: 'This model variant is served only with provisioned throughput, not on demand.',
      hint: 'Buy provisioned throughput for it in the Bedrock console, or use the on-demand variant of the same model.',
    };
  }
  if (model.lifecycle === 'LEGACY') {
    return {
      kind: 'legacy',
      message: 'AWS has marked this model legacy: it still answers, but is scheduled for retirement.',
      hint: 'Plan a move to a newer model of the same family.',
    };
  }
  if (model.invocation.mode === 'inference-profile') {
    return {
      kind: 'via-profile',
      message: `Callable through the inference profile ${model.invocation.invokeId}, which the app uses automatically.`,
    };
  }
  return { kind: 'ready', message: 'Callable on demand in this region.' };
}

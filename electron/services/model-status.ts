// "Why can't I use this model?": a status per model, first from what ListFoundationModels and
// ListInferenceProfiles say (ready, via a profile, provisioned throughput only, legacy), then from
// the real error the first time a call to it fails (no model access, a missing IAM permission,
// not available). Learned statuses are remembered per account and region until a call succeeds.
import type { AppError } from '../../shared/errors';
import type { ModelStatus, ModelSummary } from '../../shared/types';

const IAM_ACTION = /\b(?:bedrock|sts):[A-Za-z]+/;

/** What the metadata alone says about a model. */
export function statusFromMetadata(model: Pick<ModelSummary, 'id' | 'lifecycle' | 'invocation'>, region: string, endOfLife?: string): ModelStatus {
  if (model.invocation.mode === 'provisioned-only') {
    return {
      kind: 'provisioned-only',
      message: `${model.id} cannot be called on demand in ${region}, and no inference profile of this region's geography reaches it.`,
      hint: 'Buy Provisioned Throughput for it (Bedrock console › Provisioned Throughput), or use a region where it is offered on demand or through a profile.',
    };
  }
  if (model.lifecycle === 'LEGACY') {
    const until = endOfLife ? ` and will be retired on ${endOfLife.slice(0, 10)}` : ' and will be retired';
    return {
      kind: 'legacy',
      message: `AWS has marked ${model.id} Legacy: it still answers${until}.`,
      hint: 'Move to a newer model of the same family before it is retired; accounts that did not use it recently may already be refused.',
    };
  }
  if (model.invocation.mode === 'inference-profile') {
    return {
      kind: 'via-profile',
      message: `Not callable on demand in ${region}; Bedrock Desk calls it through the inference profile ${model.invocation.invokeId}.`,
      hint: 'Nothing to do: chat and the CLI use the profile automatically.',
    };
  }
  return { kind: 'ready', message: `Callable on demand in ${region}.` };
}

/**
 * The status a failed call teaches, or undefined when the failure says nothing lasting about the
 * model (throttling, network, a bad parameter, cancel). `error` is the mapped AppError;
 * `rawMessage` the AWS message, for the IAM action it names.
 */
export function statusFromFailure(error: AppError, ctx: { modelId: string; region: string; rawMessage?: string }, at = new Date()): ModelStatus | undefined {
  const learnedAt = at.toISOString();
  const { modelId, region } = ctx;
  switch (error.code) {
    case 'ModelAccessNotEnabled':
      return {
        kind: 'no-access',
        message: `Model access is not enabled for ${modelId} in this account in ${region}.`,
        hint: `Enable it in the Bedrock console › Model access in region ${region} (access is granted per account and per region), then try again.`,
        errorCode: 'AccessDeniedException',
        learnedAt,
      };
    case 'AccessDeniedException': {
      const action = IAM_ACTION.exec(ctx.rawMessage ?? '')?.[0] ?? IAM_ACTION.exec(error.message)?.[0] ?? 'bedrock:InvokeModelWithResponseStream';
      return {
        kind: 'permission-missing',
        message: `Your AWS identity is not allowed to call ${action} on ${modelId}.`,
        hint: `Add an IAM policy allowing "${action}" on this model's ARN (or "*") to the user or role you are using.`,
        errorCode: 'AccessDeniedException',
        learnedAt,
      };
    }
    case 'InvalidModelId':
    case 'OnDemandNotSupported':
    case 'ResourceNotFoundException':
      return { kind: 'unavailable', message: error.message, ...(error.hint ? { hint: error.hint } : {}), errorCode: error.code === 'ResourceNotFoundException' ? error.code : 'ValidationException', learnedAt };
    case 'ValidationException':
      // Only the validation errors about the model itself, not about this request's parameters.
      if (/doesn't support the model|unsupported for streaming|doesn't support on-demand|not supported in this region|end of its life/i.test(ctx.rawMessage ?? error.message)) {
        return { kind: 'unavailable', message: `${modelId} cannot be used here: ${ctx.rawMessage ?? error.message}`, ...(error.hint ? { hint: error.hint } : {}), errorCode: 'ValidationException', learnedAt };
      }
      return undefined;
    default:
      return undefined;
  }
}

export type LearnedStatuses = Record<string, ModelStatus>;

/** Learned failures win over metadata: they are what actually happened. */
export function applyStatus(model: ModelSummary, learned: LearnedStatuses, region: string, endOfLife?: string): ModelSummary {
  const status = learned[model.id] ?? statusFromMetadata(model, region, endOfLife);
  return { ...model, status };
}

// "Test connection": three steps run one after another, each timed, so the user sees which one
// broke — who am I (STS), can I list models, can I invoke the primary model.
import { ListFoundationModelsCommand } from '@aws-sdk/client-bedrock';
import { ConverseCommand } from '@aws-sdk/client-bedrock-runtime';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import type { CallerIdentity, ConnectionTestResult, ConnectionTestStep } from '../../shared/types';
import type { AppError } from '../../shared/errors';
import type { AwsClients } from './aws-clients';
import { mapAwsError } from './error-mapping';

export interface ConnectionTestInputs {
  clients: AwsClients;
  region: string;
  /** STS cannot be called with a Bedrock API key. */
  bearerOnly: boolean;
  /** Why there are no credentials at all, if so: every step then fails with this. */
  credentialsProblem?: AppError;
  profile?: string;
  /** Resolves the model to invoke: the primary model, or the reason there is none. */
  invokeTarget: () => Promise<{ invokeId: string; modelId: string } | { skip: string }>;
}

async function timed<T>(run: () => Promise<T>): Promise<{ ms: number; value?: T; error?: unknown }> {
  const started = performance.now();
  try {
    const value = await run();
    return { ms: Math.round(performance.now() - started), value };
  } catch (error) {
    return { ms: Math.round(performance.now() - started), error };
  }
}

export async function getCallerIdentity(inputs: Pick<ConnectionTestInputs, 'clients'>): Promise<CallerIdentity> {
  const out = await inputs.clients.sts.send(new GetCallerIdentityCommand({}));
  return { account: out.Account ?? '', callerArn: out.Arn ?? '' };
}

export async function runConnectionTest(inputs: ConnectionTestInputs): Promise<ConnectionTestResult> {
  const steps: ConnectionTestStep[] = [];
  const result: ConnectionTestResult = { steps };
  const ctx = { region: inputs.region, ...(inputs.profile ? { profile: inputs.profile } : {}) };

  if (inputs.credentialsProblem) {
    // Nothing can pass without credentials: say why once, at the first step, not three times.
    steps.push({ id: 'identity', label: 'Who am I (STS)', status: 'fail', ms: 0, error: inputs.credentialsProblem });
    const detail = 'Needs working credentials (see the first step).';
    steps.push({ id: 'list-models', label: 'List models', status: 'skipped', ms: 0, detail });
    steps.push({ id: 'invoke', label: 'Invoke model', status: 'skipped', ms: 0, detail });
    return result;
  }

  if (inputs.bearerOnly) {
    steps.push({ id: 'identity', label: 'Who am I (STS)', status: 'skipped', ms: 0, detail: 'A Bedrock API key cannot call STS GetCallerIdentity.' });
  } else {
    const step = await timed(() => getCallerIdentity(inputs));
    if (step.value) {
      result.identity = step.value;
      steps.push({ id: 'identity', label: 'Who am I (STS)', status: 'pass', ms: step.ms, detail: `${step.value.callerArn} (account ${step.value.account})` });
    } else {
      steps.push({ id: 'identity', label: 'Who am I (STS)', status: 'fail', ms: step.ms, error: mapAwsError(step.error, { ...ctx, action: 'sts:GetCallerIdentity' }) });
    }
  }

  const list = await timed(() => inputs.clients.bedrock.send(new ListFoundationModelsCommand({})));
  if (list.value) {
    steps.push({ id: 'list-models', label: 'List models', status: 'pass', ms: list.ms, detail: `${list.value.modelSummaries?.length ?? 0} foundation models in ${inputs.region}` });
  } else {
    steps.push({ id: 'list-models', label: 'List models', status: 'fail', ms: list.ms, error: mapAwsError(list.error, { ...ctx, action: 'bedrock:ListFoundationModels' }) });
  }

  const target = await inputs.invokeTarget();
  if ('skip' in target) {
    steps.push({ id: 'invoke', label: 'Invoke model', status: 'skipped', ms: 0, detail: target.skip });
    return result;
  }
  // One output token: proves access to the model at the lowest possible cost.
  const invoke = await timed(() =>
    inputs.clients.runtime.send(new ConverseCommand({
      modelId: target.invokeId,
      messages: [{ role: 'user', content: [{ text: 'Hi' }] }],
      inferenceConfig: { maxTokens: 1 },
    })),
  );
  if (invoke.value) {
    steps.push({ id: 'invoke', label: 'Invoke model', status: 'pass', ms: invoke.ms, detail: target.invokeId === target.modelId ? `${target.modelId} answered` : `${target.modelId} answered via inference profile ${target.invokeId}` });
  } else {
    steps.push({ id: 'invoke', label: 'Invoke model', status: 'fail', ms: invoke.ms, error: mapAwsError(invoke.error, { ...ctx, action: 'bedrock:InvokeModel', modelId: target.invokeId }) });
  }
  return result;
}

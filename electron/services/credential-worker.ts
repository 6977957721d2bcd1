// Runs the AWS SDK's credential providers in a worker thread whose `process.env` is the session's
// env. Several providers read only `process.env` (IMDS endpoint, container URIs and token, the
// SSO token cache under $HOME, AWS_PROFILE, web identity variables), so this is the one way to
// honour an env that is not the process's own without reimplementing them. A fresh worker also
// means a fresh ini-file cache: an edited ~/.aws/config is read again on every resolution.
//
// The chain is built from the individual providers of @aws-sdk/credential-providers in the
// order of the SDK's own default chain, so we know which member answered.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { AwsCredentialIdentity } from '@smithy/types';

type Env = Record<string, string | undefined>;

/** A chain member: 'profile' is fromIni (shared files, SSO, process, assume-role, web identity in a profile). */
export type ChainMember = 'env' | 'profile' | 'process' | 'web-identity' | 'ecs' | 'imds';

export interface MemberError {
  member: ChainMember;
  name: string;
  message: string;
}

export type WorkerOutcome =
  | { ok: true; member: ChainMember; identity: AwsCredentialIdentity & { $source?: Record<string, string> } }
  | { ok: false; errors: MemberError[]; timedOut?: boolean };

export interface WorkerRequest {
  env: Env;
  /** Resolve exactly this profile (fromIni) instead of the default chain. */
  profile?: string;
  /** Per-request timeout of the IMDS / container probes. */
  metadataTimeoutMs: number;
  /** Leave IMDS out (known absent, or AWS_EC2_METADATA_DISABLED). */
  skipImds: boolean;
  /** Kills the worker if the providers have not answered by then (a hung credential_process…). */
  deadlineMs: number;
}

// CommonJS, evaluated in the worker. Receives the resolved path of @aws-sdk/credential-providers
// so it works from the tsx sources, the vitest run and the esbuild bundle alike.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const p = require(workerData.modulePath);
const { profile, timeout, skipImds } = workerData;
const env = process.env;
const members = [];
if (profile) {
  members.push(['profile', () => p.fromIni({ profile, ignoreCache: true })()]);
} else {
  members.push(['env', () => p.fromEnv()()]);
  members.push(['profile', () => p.fromIni({ ignoreCache: true })()]);
  members.push(['process', () => p.fromProcess({ ignoreCache: true })()]);
  members.push(['web-identity', () => p.fromTokenFile()()]);
  if (env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI || env.AWS_CONTAINER_CREDENTIALS_FULL_URI) {
    members.push(['ecs', () => p.fromHttp({ timeout, maxRetries: 0 })()]);
    members.push(['ecs', () => p.fromContainerMetadata({ timeout, maxRetries: 0 })()]);
  } else if (!skipImds) {
    // IMDSv2 only: without the v1 fallback a machine with no IMDS costs one timeout, not two.
    members.push(['imds', () => p.fromInstanceMetadata({ timeout, maxRetries: 0, ec2MetadataV1Disabled: true })()]);
  }
}
(async () => {
  const errors = [];
  for (const [member, run] of members) {
    try {
      const identity = await run();
      parentPort.postMessage({ ok: true, member, identity: { ...identity } });
      return;
    } catch (error) {
      errors.push({ member, name: String((error && error.name) || 'Error'), message: String((error && error.message) || error) });
      // The SDK's chain rule: only errors flagged tryNextLink fall through to the next member.
      if (!(error && error.tryNextLink)) break;
    }
  }
  parentPort.postMessage({ ok: false, errors });
})();
`;

const modulePath = createRequire(import.meta.url).resolve('@aws-sdk/credential-providers');

/** One resolution in a fresh worker; never throws (failures are returned as member errors). */
export function resolveInWorker(request: WorkerRequest): Promise<WorkerOutcome> {
  // Only strings survive into a worker's env; undefined entries mean "unset".
  const env = Object.fromEntries(Object.entries(request.env).filter((e): e is [string, string] => typeof e[1] === 'string'));
  return new Promise<WorkerOutcome>((resolve) => {
    let settled = false;
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      env,
      workerData: { modulePath, profile: request.profile, timeout: request.metadataTimeoutMs, skipImds: request.skipImds },
      stdout: true, // the SDK may warn on the console; keep the app's output clean
      stderr: true,
    });
    const finish = (outcome: WorkerOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      resolve(outcome);
      void worker.terminate();
    };
    const deadline = setTimeout(
      () => finish({ ok: false, timedOut: true, errors: [{ member: request.profile ? 'profile' : 'imds', name: 'TimeoutError', message: `credential resolution timed out after ${request.deadlineMs} ms` }] }),
      request.deadlineMs,
    );
    worker.on('message', (message: WorkerOutcome) => {
      // Structured clone keeps Dates, but be strict about what crossed the thread boundary.
      if (message.ok && message.identity.expiration) message = { ...message, identity: { ...message.identity, expiration: new Date(message.identity.expiration) } };
      finish(message);
    });
    worker.on('error', (error) => finish({ ok: false, errors: [{ member: 'env', name: error.name, message: error.message }] }));
    worker.on('exit', () => finish({ ok: false, errors: [{ member: 'env', name: 'WorkerExit', message: 'the credential worker exited without an answer' }] }));
  });
}

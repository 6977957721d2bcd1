// What a handler gets besides the request: the catalog, the script, the caller, and its record.
import type { RecordedAttachment } from './attachments';
import type { AuthInfo } from './auth';
import type { CatalogIndex } from './catalog';
import type { Operation, ScriptState } from './script';

export interface RecordedRequest {
  operation: Operation | 'Unknown';
  method: string;
  /** Path as sent (percent-encoded). */
  path: string;
  /** Decoded model id from the path (runtime) or model identifier (GetFoundationModel). */
  modelId?: string;
  /** The foundation model a runtime call reached (differs from `modelId` for profiles and ARNs). */
  resolvedModelId?: string;
  /** Request headers; `authorization` and `x-amz-security-token` are redacted. */
  headers: Record<string, string>;
  /** Parsed JSON when the body is JSON, the form fields for STS, else the text ('' when empty). */
  body: unknown;
  auth?: { kind: 'sigv4' | 'bearer'; accessKeyId?: string };
  httpVersion: '1.1' | '2';
  /** HTTP status sent (200 for streams that later failed inside the stream). */
  status?: number;
  /** How the exchange ended; set once it has. */
  outcome?: 'ok' | 'error' | 'stream-exception' | 'dropped' | 'client-closed' | 'corrupt-frame' | 'truncated-frame';
  errorCode?: string;
  /** Image and document blocks of a Converse request: decoded length and sha256 of each. */
  attachments?: RecordedAttachment[];
  /** Text deltas sent (streams only). */
  deltasSent?: number;
  at: string;
}

export interface HandlerContext {
  index: CatalogIndex;
  script: ScriptState;
  auth: AuthInfo;
  /** Region from the SigV4 scope (us-east-1 for bearer calls). */
  region: string;
  record: RecordedRequest;
  log: (line: string) => void;
}

/** IAM action checked for each operation (used by `access-denied` faults and messages). */
export const IAM_ACTION: Record<Operation, string> = {
  ListFoundationModels: 'bedrock:ListFoundationModels',
  GetFoundationModel: 'bedrock:GetFoundationModel',
  ListInferenceProfiles: 'bedrock:ListInferenceProfiles',
  Converse: 'bedrock:InvokeModel',
  ConverseStream: 'bedrock:InvokeModelWithResponseStream',
  GetCallerIdentity: 'sts:GetCallerIdentity',
};

/** The caller's ARN as AWS would print it in an AccessDenied message. */
export function callerArn(auth: AuthInfo): string {
  return auth.kind === 'sigv4' ? auth.key.arn : auth.token.arn;
}

// Bedrock Desk's own Bedrock emulator: a loopback server speaking the real wire protocols
// (REST-JSON control plane, event-stream runtime over h1/h2c, awsQuery STS) so the unmodified AWS
// SDK clients talk to it. Used by the test suites and as the app's offline Sandbox mode.
import { CatalogIndex, DEFAULT_CATALOG, type Catalog } from './catalog';
import type { RecordedRequest } from './context';
import { DEFAULT_BEARER_TOKENS, DEFAULT_KEYS, EMULATOR_CREDENTIALS, type EmulatorBearerToken, type EmulatorKey } from './credentials';
import { route, type RouterState } from './router';
import { ScriptState, type EmulatorScript } from './script';
import { listen } from './server';

export {
  EMULATOR_ACCOUNT,
  EMULATOR_BEARER_TOKEN,
  EMULATOR_CREDENTIALS,
  EMULATOR_EXPIRED_CREDENTIALS,
  EMULATOR_TEMP_CREDENTIALS,
  type EmulatorBearerToken,
  type EmulatorKey,
} from './credentials';
export { DEFAULT_CATALOG, buildLargeCatalog, type Catalog, type CatalogModel, type ProfileGeo } from './catalog';
export type { EmulatorScript, Fault, FaultScope, Operation } from './script';
export type { RecordedRequest } from './context';
export type { RecordedAttachment } from './attachments';
export { MESSAGES as EMULATOR_MESSAGES } from './errors';

export interface Emulator {
  /** `http://127.0.0.1:<port>`: the endpoint for every client (bedrock, bedrock-runtime, sts). */
  url: string;
  port: number;
  /** Replaces the script (and restarts fault counters). */
  setScript(s: EmulatorScript): void;
  /** Every request so far, oldest first (a live array; control API calls are not recorded). */
  readonly requests: RecordedRequest[];
  /** Clears the records and restores the script given at start. */
  reset(): void;
  close(): Promise<void>;
}

export interface EmulatorOptions {
  /** 0 (default) picks a free port. The server binds 127.0.0.1 only. */
  port?: number;
  catalog?: Catalog;
  script?: EmulatorScript;
  log?: (line: string) => void;
  /** Extra SigV4 keys accepted besides the EMULATOR_* ones. */
  keys?: EmulatorKey[];
  /** Extra Bedrock API keys accepted as bearer tokens. */
  bearerTokens?: EmulatorBearerToken[];
}

/** Client config that points any AWS SDK v3 client (bedrock, bedrock-runtime, sts) at the emulator. */
export function emulatorClientConfig(
  emulator: Pick<Emulator, 'url'>,
  region = 'us-east-1',
): { endpoint: string; region: string; credentials: { accessKeyId: string; secretAccessKey: string } } {
  return { endpoint: emulator.url, region, credentials: { ...EMULATOR_CREDENTIALS } };
}

export async function startEmulator(opts: EmulatorOptions = {}): Promise<Emulator> {
  const log = opts.log ?? (() => undefined);
  const initialScript = opts.script ?? {};
  const requests: RecordedRequest[] = [];
  const script = new ScriptState(initialScript);
  const state: RouterState = {
    index: new CatalogIndex(opts.catalog ?? DEFAULT_CATALOG),
    script,
    requests,
    log,
    ring: {
      keys: new Map([...DEFAULT_KEYS, ...(opts.keys ?? [])].map((k) => [k.accessKeyId, k])),
      tokens: new Map([...DEFAULT_BEARER_TOKENS, ...(opts.bearerTokens ?? [])].map((t) => [t.token, t])),
    },
    reset() {
      requests.length = 0;
      script.replace(initialScript);
    },
  };
  const transport = await listen(
    opts.port ?? 0,
    (req, res) => {
      route(req, res, state).catch((err: unknown) => log(`unhandled: ${String(err)}`));
    },
    log,
  );
  const url = `http://127.0.0.1:${transport.port}`;
  log(`Bedrock emulator listening on ${url}`);
  return {
    url,
    port: transport.port,
    requests,
    setScript: (s) => script.replace(s),
    reset: () => state.reset(),
    close: () => transport.close(),
  };
}

// Routes one request (method + path) to its operation, authenticates it, records it, and renders
// failures in that operation's protocol. Nothing thrown in here may escape to the transport.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Http2ServerRequest, Http2ServerResponse } from 'node:http2';
import { authenticate, AuthError, regionOf, type KeyRing } from './auth';
import type { CatalogIndex } from './catalog';
import type { HandlerContext, RecordedRequest } from './context';
import { handleControl, type ControlTarget } from './control-api';
import { getFoundationModel, listFoundationModels, listInferenceProfiles } from './control-plane';
import { sendQueryError, sendRestJsonError, toEmuError } from './errors';
import { applyUpfrontFaults } from './faults';
import { EmuError, EmuResponse, readRequest, type EmuRequest } from './http';
import { converse, converseStream } from './runtime';
import type { Operation, ScriptState } from './script';
import { getCallerIdentity, isStsRequest, parseForm } from './sts';

export interface RouterState extends ControlTarget {
  index: CatalogIndex;
  script: ScriptState;
  ring: KeyRing;
  requests: RecordedRequest[];
  log: (line: string) => void;
}

interface Route {
  operation: Operation;
  protocol: 'rest-json' | 'query';
  /** Model id or identifier from the path, decoded. */
  id?: string;
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function match(req: EmuRequest): Route | undefined {
  const { method, rawPath: path } = req;
  if (isStsRequest(req)) return { operation: 'GetCallerIdentity', protocol: 'query' };
  if (method === 'GET' && path === '/foundation-models') return { operation: 'ListFoundationModels', protocol: 'rest-json' };
  if (method === 'GET' && path === '/inference-profiles') return { operation: 'ListInferenceProfiles', protocol: 'rest-json' };
  let m = /^\/foundation-models\/([^/]+)$/.exec(path);
  if (method === 'GET' && m) return { operation: 'GetFoundationModel', protocol: 'rest-json', id: decode(m[1] as string) };
  m = /^\/model\/([^/]+)\/(converse|converse-stream)$/.exec(path);
  if (method === 'POST' && m) return { operation: m[2] === 'converse' ? 'Converse' : 'ConverseStream', protocol: 'rest-json', id: decode(m[1] as string) };
  return undefined;
}

const REDACTED = new Set(['authorization', 'x-amz-security-token']);

function recordedBody(req: EmuRequest): unknown {
  const text = req.body.toString('utf8');
  const type = req.headers['content-type'] ?? '';
  if (type.includes('json') && text) {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  }
  if (type.startsWith('application/x-www-form-urlencoded')) return parseForm(req);
  return text;
}

export async function route(
  rawReq: IncomingMessage | Http2ServerRequest,
  rawRes: ServerResponse | Http2ServerResponse,
  state: RouterState,
): Promise<void> {
  const requestId = randomUUID();
  const res = new EmuResponse(rawRes, requestId);
  let req: EmuRequest;
  try {
    req = await readRequest(rawReq, requestId);
  } catch {
    res.send(400, { 'content-type': 'application/json' }, JSON.stringify({ message: 'Could not read the request.' }));
    return;
  }
  if (req.rawPath.startsWith('/__emulator/')) return handleControl(req, res, state);

  const r = match(req);
  const protocol = r?.protocol ?? 'rest-json';
  const record: RecordedRequest = {
    operation: r?.operation ?? 'Unknown',
    method: req.method,
    path: req.rawPath,
    headers: Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, REDACTED.has(k) ? '[redacted]' : v])),
    body: recordedBody(req),
    httpVersion: req.httpVersion,
    at: new Date().toISOString(),
  };
  if (r?.id !== undefined) record.modelId = r.id;
  state.requests.push(record);
  res.onClose(() => {
    if (res.closed && record.outcome === undefined) record.outcome = 'client-closed';
  });

  try {
    if (!r) throw new EmuError(404, 'UnknownOperationException', `No operation matches ${req.method} ${req.rawPath}`);
    const auth = await authenticate(req, state.ring, { allowBearer: protocol === 'rest-json' });
    record.auth = auth.kind === 'sigv4' ? { kind: 'sigv4', accessKeyId: auth.accessKeyId } : { kind: 'bearer' };
    const ctx: HandlerContext = { index: state.index, script: state.script, auth, region: regionOf(auth), record, log: state.log };
    let result: unknown;
    switch (r.operation) {
      case 'ConverseStream':
        await converseStream(req, res, r.id as string, ctx);
        return;
      case 'Converse':
        result = await converse(req, r.id as string, ctx);
        break;
      case 'GetCallerIdentity':
        applyUpfrontFaults(r.operation, [], ctx);
        record.status = 200;
        record.outcome = 'ok';
        res.send(200, { 'content-type': 'text/xml' }, getCallerIdentity(req, ctx));
        return;
      case 'ListFoundationModels':
        applyUpfrontFaults(r.operation, [], ctx);
        result = listFoundationModels(req, ctx);
        break;
      case 'GetFoundationModel':
        applyUpfrontFaults(r.operation, [r.id as string], ctx);
        result = getFoundationModel(r.id as string, ctx);
        break;
      case 'ListInferenceProfiles':
        applyUpfrontFaults(r.operation, [], ctx);
        result = listInferenceProfiles(req, ctx);
        break;
    }
    record.status = 200;
    record.outcome = 'ok';
    res.send(200, { 'content-type': 'application/json' }, JSON.stringify(result));
  } catch (err) {
    const e = toEmuError(err, protocol);
    if (!(err instanceof EmuError) && !(err instanceof AuthError)) state.log(`internal error on ${req.method} ${req.rawPath}: ${err instanceof Error ? err.stack : String(err)}`);
    if (record.outcome !== 'client-closed') record.outcome = 'error';
    record.errorCode = e.code;
    if (res.headersSent) {
      // Too late for a status code: fail the stream the way a broken connection would.
      await res.drop();
      return;
    }
    record.status = e.status;
    if (protocol === 'query') sendQueryError(res, e);
    else sendRestJsonError(res, e);
  }
}

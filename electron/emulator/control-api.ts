// The out-of-process control API (/__emulator/*): e2e tests run the emulator in another process
// and script it over HTTP. No SigV4, but loopback callers only.
import type { RecordedRequest } from './context';
import type { CatalogIndex } from './catalog';
import type { EmuRequest, EmuResponse } from './http';
import type { EmulatorScript, ScriptState } from './script';

export interface ControlTarget {
  index: CatalogIndex;
  script: ScriptState;
  requests: RecordedRequest[];
  reset(): void;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

function json(res: EmuResponse, status: number, value: unknown): void {
  res.send(status, { 'content-type': 'application/json' }, JSON.stringify(value));
}

export function handleControl(req: EmuRequest, res: EmuResponse, target: ControlTarget): void {
  if (!req.remoteAddress || !LOOPBACK.has(req.remoteAddress)) return json(res, 403, { error: 'The emulator control API answers on loopback only.' });
  const route = `${req.method} ${req.rawPath}`;
  switch (route) {
    case 'GET /__emulator/health':
      return json(res, 200, { ok: true, models: target.index.models.length, profiles: target.index.profiles.length, requests: target.requests.length });
    case 'GET /__emulator/requests':
      return json(res, 200, target.requests);
    case 'GET /__emulator/script':
      return json(res, 200, target.script.current);
    case 'POST /__emulator/reset':
      target.reset();
      return json(res, 200, { ok: true });
    case 'POST /__emulator/script': {
      let script: unknown;
      try {
        script = JSON.parse(req.body.toString('utf8') || '{}');
      } catch {
        return json(res, 400, { error: 'The script must be JSON.' });
      }
      if (typeof script !== 'object' || script === null || Array.isArray(script)) return json(res, 400, { error: 'The script must be a JSON object.' });
      const faults = (script as EmulatorScript).faults;
      if (faults !== undefined && !Array.isArray(faults)) return json(res, 400, { error: '`faults` must be an array.' });
      target.script.replace(script as EmulatorScript);
      return json(res, 200, { ok: true });
    }
    default:
      return json(res, 404, { error: `Unknown control route ${route}` });
  }
}

// Faults that answer instead of the operation (before any output), for every operation alike.
import { IAM_ACTION, callerArn, type HandlerContext } from './context';
import { MESSAGES } from './errors';
import { EmuError } from './http';
import type { Operation } from './script';

export function applyUpfrontFaults(op: Operation, ids: string[], ctx: HandlerContext): void {
  const denied = ctx.script.take(['access-denied'], op, ids, (f) => !f.action || f.action === IAM_ACTION[op]);
  if (denied) {
    const runtime = op === 'Converse' || op === 'ConverseStream';
    // Without an action, a runtime call fails like a model whose access is not enabled.
    const action = denied.action ?? (runtime ? undefined : IAM_ACTION[op]);
    throw new EmuError(403, op === 'GetCallerIdentity' ? 'AccessDenied' : 'AccessDeniedException', action ? MESSAGES.notAuthorized(callerArn(ctx.auth), action) : MESSAGES.noModelAccess);
  }
  const fault = ctx.script.take(['throttle', 'http-error'], op, ids);
  if (fault?.kind === 'throttle') throw new EmuError(op === 'GetCallerIdentity' ? 400 : 429, op === 'GetCallerIdentity' ? 'Throttling' : 'ThrottlingException', MESSAGES.throttled);
  if (fault?.kind === 'http-error') throw new EmuError(fault.status, fault.code, fault.message);
}

// STS GetCallerIdentity over awsQuery (form-encoded POST to `/`, XML answer), the protocol the
// installed @aws-sdk/client-sts uses.
import { EMULATOR_ACCOUNT } from './credentials';
import type { HandlerContext } from './context';
import { EmuError, type EmuRequest } from './http';
import { xmlEscape } from './errors';

export function parseForm(req: EmuRequest): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(req.body.toString('utf8')));
}

export function isStsRequest(req: EmuRequest): boolean {
  return req.method === 'POST' && req.rawPath === '/' && (req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded');
}

export function stsAction(req: EmuRequest): string | undefined {
  return parseForm(req).Action;
}

export function getCallerIdentity(req: EmuRequest, ctx: HandlerContext): string {
  const form = parseForm(req);
  if (form.Action !== 'GetCallerIdentity') {
    throw new EmuError(400, 'InvalidAction', `Could not find operation ${form.Action ?? ''} for version ${form.Version ?? ''}`);
  }
  const { arn, userId } = ctx.auth.kind === 'sigv4' ? ctx.auth.key : { arn: ctx.auth.token.arn, userId: 'AIDAEMULATORBEARER01' };
  const account = /^arn:aws:[a-z]+::(\d{12}):/.exec(arn)?.[1] ?? EMULATOR_ACCOUNT;
  return [
    '<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">',
    '  <GetCallerIdentityResult>',
    `    <Arn>${xmlEscape(arn)}</Arn>`,
    `    <UserId>${xmlEscape(userId)}</UserId>`,
    `    <Account>${account}</Account>`,
    '  </GetCallerIdentityResult>',
    '  <ResponseMetadata>',
    `    <RequestId>${req.requestId}</RequestId>`,
    '  </ResponseMetadata>',
    '</GetCallerIdentityResponse>',
    '',
  ].join('\n');
}

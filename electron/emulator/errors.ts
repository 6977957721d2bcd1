// AWS error shapes, as the SDK parses them: REST-JSON reads the code from `x-amzn-errortype`
// (falling back to the body), awsQuery (STS) from `<ErrorResponse><Error><Code>`.
import { AuthError, type AuthFailure } from './auth';
import { EmuError, type EmuResponse } from './http';

// The exact sentences AWS sends, so message-matching code in the app is exercised for real.
export const MESSAGES = {
  unknownKey: 'The security token included in the request is invalid.',
  badSignature:
    'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
  expired: 'The security token included in the request is expired',
  missing: 'Missing Authentication Token',
  onDemandUnsupported: (id: string) =>
    `Invocation of model ID ${id} with on-demand throughput isn't supported. Retry your request with the ID or ARN of an inference profile that contains this model.`,
  noModelAccess: "You don't have access to the model with the specified model ID.",
  invalidModelId: 'The provided model identifier is invalid.',
  throttled: 'Too many requests, please wait before trying again.',
  notAuthorized: (arn: string, action: string) =>
    `User: ${arn} is not authorized to perform: ${action} because no identity-based policy allows the ${action} action`,
} as const;

const REST_JSON_AUTH: Record<AuthFailure, [number, string, string]> = {
  missing: [403, 'MissingAuthenticationTokenException', MESSAGES.missing],
  malformed: [403, 'IncompleteSignatureException', 'Authorization header requires \'Credential\', \'Signature\' and \'SignedHeaders\' parameters.'],
  'unknown-key': [403, 'UnrecognizedClientException', MESSAGES.unknownKey],
  'bad-signature': [403, 'InvalidSignatureException', MESSAGES.badSignature],
  expired: [403, 'ExpiredTokenException', MESSAGES.expired],
  'bad-token': [403, 'UnrecognizedClientException', 'Invalid API Key format: Must start with pre-defined prefix or the key is not recognised.'],
  'bearer-not-allowed': [403, 'UnrecognizedClientException', MESSAGES.unknownKey],
};

const STS_AUTH: Record<AuthFailure, [number, string, string]> = {
  missing: [403, 'MissingAuthenticationToken', 'Request is missing Authentication Token'],
  malformed: [400, 'IncompleteSignature', 'Request must contain a signature that conforms to AWS standards'],
  'unknown-key': [403, 'InvalidClientTokenId', MESSAGES.unknownKey],
  'bad-signature': [403, 'SignatureDoesNotMatch', MESSAGES.badSignature],
  expired: [400, 'ExpiredToken', MESSAGES.expired],
  'bad-token': [403, 'InvalidClientTokenId', MESSAGES.unknownKey],
  'bearer-not-allowed': [403, 'InvalidClientTokenId', MESSAGES.unknownKey],
};

export function toEmuError(err: unknown, protocol: 'rest-json' | 'query'): EmuError {
  if (err instanceof EmuError) return err;
  if (err instanceof AuthError) {
    const [status, code, message] = (protocol === 'query' ? STS_AUTH : REST_JSON_AUTH)[err.reason];
    return new EmuError(status, code, message);
  }
  return new EmuError(500, protocol === 'query' ? 'InternalFailure' : 'InternalServerException', 'The server encountered an internal error while processing the request.');
}

export function sendRestJsonError(res: EmuResponse, err: EmuError): void {
  res.send(
    err.status,
    {
      'content-type': 'application/json',
      // AWS appends the shape's namespace URI; the SDK keeps only the part before ':'.
      'x-amzn-errortype': `${err.code}:http://internal.amazon.com/coral/com.amazon.bedrock/`,
    },
    JSON.stringify({ message: err.message, ...err.fields }),
  );
}

export function xmlEscape(s: string): string {
  return s.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c] as string);
}

export function sendQueryError(res: EmuResponse, err: EmuError): void {
  const type = err.status >= 500 ? 'Receiver' : 'Sender';
  res.send(
    err.status,
    { 'content-type': 'text/xml' },
    `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">\n  <Error>\n    <Type>${type}</Type>\n    <Code>${xmlEscape(err.code)}</Code>\n    <Message>${xmlEscape(err.message)}</Message>\n  </Error>\n  <RequestId>${res.requestId}</RequestId>\n</ErrorResponse>\n`,
  );
}

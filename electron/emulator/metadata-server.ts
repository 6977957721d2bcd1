// A loopback fake of the two metadata endpoints the AWS SDK's default chain ends with, serving
// the emulator's temporary key so STS/Bedrock calls made with it verify against the emulator:
//   - EC2 instance metadata (IMDSv2): PUT /latest/api/token, then
//     GET /latest/meta-data/iam/security-credentials/ → role name, GET …/<role> → credentials.
//     Point the SDK at it with AWS_EC2_METADATA_SERVICE_ENDPOINT=<url>.
//   - ECS/EKS container credentials: GET <containerPath>, optionally requiring an
//     Authorization header. Point the SDK at it with AWS_CONTAINER_CREDENTIALS_FULL_URI (the SDK
//     accepts plain http only for loopback hosts, which this is) and AWS_CONTAINER_AUTHORIZATION_TOKEN.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { EMULATOR_ACCOUNT, EMULATOR_TEMP_CREDENTIALS } from './credentials';

export interface MetadataCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  expiration: Date;
}

export interface MetadataServerOptions {
  /** Instance profile role name (default `BedrockDeskSandboxRole`). */
  roleName?: string;
  /** What both endpoints serve (default EMULATOR_TEMP_CREDENTIALS). */
  credentials?: MetadataCredentials;
  /** Path of the container endpoint (default `/v2/credentials/sandbox`). */
  containerPath?: string;
  /** When set, the container endpoint requires exactly this Authorization header. */
  containerAuthToken?: string;
}

export interface MetadataRequest {
  method: string;
  path: string;
  /** Which endpoint the request was for. */
  kind: 'imds' | 'ecs' | 'other';
  status: number;
}

export interface MetadataServer {
  /** `http://127.0.0.1:<port>`: the value for AWS_EC2_METADATA_SERVICE_ENDPOINT. */
  url: string;
  /** `<url><containerPath>`: the value for AWS_CONTAINER_CREDENTIALS_FULL_URI. */
  containerUrl: string;
  /** Ready-made env for each source (merge into a session's / the app's env). */
  env: { imds: Record<string, string>; ecs: Record<string, string> };
  /** Every request so far, oldest first (a live array). */
  readonly requests: MetadataRequest[];
  close(): Promise<void>;
}

const CREDENTIALS_PATH = '/latest/meta-data/iam/security-credentials/';

export async function startMetadataServer(opts: MetadataServerOptions = {}): Promise<MetadataServer> {
  const roleName = opts.roleName ?? 'BedrockDeskSandboxRole';
  const creds = opts.credentials ?? EMULATOR_TEMP_CREDENTIALS;
  const containerPath = opts.containerPath ?? '/v2/credentials/sandbox';
  const tokens = new Set<string>();
  const requests: MetadataRequest[] = [];

  const body = (extra: Record<string, string>) =>
    JSON.stringify({
      ...extra,
      AccessKeyId: creds.accessKeyId,
      SecretAccessKey: creds.secretAccessKey,
      Token: creds.sessionToken,
      Expiration: creds.expiration.toISOString(),
    });

  const server = http.createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const kind: MetadataRequest['kind'] = path.startsWith('/latest/') ? 'imds' : path === containerPath ? 'ecs' : 'other';
    const send = (status: number, text: string, type = 'text/plain') => {
      requests.push({ method: req.method ?? 'GET', path, kind, status });
      res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(text) });
      res.end(text);
    };
    req.resume();
    if (kind === 'imds') {
      if (req.method === 'PUT' && path === '/latest/api/token') {
        if (!req.headers['x-aws-ec2-metadata-token-ttl-seconds']) return send(400, 'Missing x-aws-ec2-metadata-token-ttl-seconds');
        const token = randomUUID();
        tokens.add(token);
        return send(200, token);
      }
      // IMDSv2 only, like an instance with HttpTokens=required.
      const token = req.headers['x-aws-ec2-metadata-token'];
      if (typeof token !== 'string' || !tokens.has(token)) return send(401, 'Unauthorized');
      if (req.method !== 'GET') return send(405, 'Method Not Allowed');
      if (path === CREDENTIALS_PATH) return send(200, roleName);
      if (path === CREDENTIALS_PATH + roleName) {
        return send(200, body({ Code: 'Success', LastUpdated: new Date().toISOString(), Type: 'AWS-HMAC' }), 'application/json');
      }
      return send(404, 'Not Found');
    }
    if (kind === 'ecs' && req.method === 'GET') {
      if (opts.containerAuthToken !== undefined && req.headers.authorization !== opts.containerAuthToken) return send(403, 'Forbidden');
      return send(200, body({ RoleArn: `arn:aws:iam::${EMULATOR_ACCOUNT}:role/${roleName}` }), 'application/json');
    }
    return send(404, 'Not Found');
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const containerUrl = `${url}${containerPath}`;
  return {
    url,
    containerUrl,
    env: {
      imds: { AWS_EC2_METADATA_SERVICE_ENDPOINT: url },
      ecs: {
        AWS_CONTAINER_CREDENTIALS_FULL_URI: containerUrl,
        ...(opts.containerAuthToken !== undefined ? { AWS_CONTAINER_AUTHORIZATION_TOKEN: opts.containerAuthToken } : {}),
      },
    },
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

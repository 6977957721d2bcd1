import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMULATOR_TEMP_CREDENTIALS } from './credentials';
import { startMetadataServer, type MetadataServer } from './metadata-server';

let server: MetadataServer;
beforeAll(async () => {
  server = await startMetadataServer({ containerAuthToken: 'secret-auth' });
});
afterAll(async () => {
  await server?.close();
});

describe('fake metadata server', () => {
  it('IMDSv2: a token is required for the role and its credentials', async () => {
    expect((await fetch(`${server.url}/latest/meta-data/iam/security-credentials/`)).status).toBe(401);
    const token = await (await fetch(`${server.url}/latest/api/token`, { method: 'PUT', headers: { 'x-aws-ec2-metadata-token-ttl-seconds': '60' } })).text();
    const headers = { 'x-aws-ec2-metadata-token': token };
    const role = await (await fetch(`${server.url}/latest/meta-data/iam/security-credentials/`, { headers })).text();
    const creds = (await (await fetch(`${server.url}/latest/meta-data/iam/security-credentials/${role}`, { headers })).json()) as Record<string, string>;
    expect(creds).toMatchObject({ Code: 'Success', AccessKeyId: EMULATOR_TEMP_CREDENTIALS.accessKeyId, Token: EMULATOR_TEMP_CREDENTIALS.sessionToken, Expiration: '2099-01-01T00:00:00.000Z' });
  });

  it('container endpoint: checks the Authorization header, and the env points at it', async () => {
    expect(server.env.ecs).toEqual({ AWS_CONTAINER_CREDENTIALS_FULL_URI: server.containerUrl, AWS_CONTAINER_AUTHORIZATION_TOKEN: 'secret-auth' });
    expect((await fetch(server.containerUrl)).status).toBe(403);
    const ok = await fetch(server.containerUrl, { headers: { authorization: 'secret-auth' } });
    expect(((await ok.json()) as Record<string, string>).AccessKeyId).toBe(EMULATOR_TEMP_CREDENTIALS.accessKeyId);
    expect(server.requests.filter((r) => r.kind === 'ecs').map((r) => r.status)).toEqual([403, 200]);
  });
});

// The reference for streamOverheadRatio: the raw AWS SDK consuming the same emulator stream, in
// its own process like the app's main process (the emulator stays in the harness). One warm-up
// stream, then "ready" on stdout; on a line from stdin (the harness has set the timed script by
// then), one timed stream: send → last event read, every event consumed. Prints one JSON line.
import { BedrockRuntimeClient, ConverseStreamCommand } from '@aws-sdk/client-bedrock-runtime';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import '../bin/quiet-sdk-notice.mjs';

const { endpoint, modelId, prompt, accessKeyId, secretAccessKey } = JSON.parse(process.argv[2] ?? '{}') as Record<string, string>;
// The same handler the app's runtime client uses (HTTP/1.1, see electron/services/aws-clients.ts).
const client = new BedrockRuntimeClient({
  endpoint,
  region: 'us-west-2',
  credentials: { accessKeyId: accessKeyId!, secretAccessKey: secretAccessKey! },
  requestHandler: new NodeHttpHandler({ connectionTimeout: 10_000 }),
});

async function consume(): Promise<{ ms: number; deltas: number; chars: number }> {
  const t0 = performance.now();
  const response = await client.send(new ConverseStreamCommand({ modelId, messages: [{ role: 'user', content: [{ text: prompt! }] }] }));
  let deltas = 0;
  let chars = 0;
  for await (const event of response.stream ?? []) {
    const text = event.contentBlockDelta?.delta?.text;
    if (text) {
      deltas++;
      chars += text.length;
    }
  }
  return { ms: performance.now() - t0, deltas, chars };
}

await consume();
const lines = createInterface({ input: process.stdin });
process.stdout.write('ready\n');
await once(lines, 'line');
const timed = await consume();
client.destroy();
lines.close();
process.stdout.write(JSON.stringify(timed) + '\n');

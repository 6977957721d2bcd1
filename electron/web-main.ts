// Entry of the web host: the app without Electron, for Chromium on this machine, for gateway
// hosts with a browser elsewhere (through an SSH tunnel), and for the e2e suite.
import { fileURLToPath } from 'node:url';
import { createBackend } from './backend/backend.ts';
import { parseHostOptions } from './host-options.ts';
import { startWebHost } from './services/web-host.ts';

const options = parseHostOptions(process.argv.slice(2), process.env);
const staticDir = fileURLToPath(new URL('../dist/renderer/', import.meta.url));

const backend = await createBackend({
  session: { env: { ...process.env }, dataDir: options.dataDir, configPath: options.configPath, cliRegion: options.region },
  sandbox: options.sandbox,
  log: (line) => process.stderr.write(`[bedrock-desk] ${line}\n`),
});
const host = await startWebHost({ backend, staticDir, port: options.port });

// Machine-readable for the e2e fixture; one line for people.
if (process.env.BEDROCK_DESK_READY_JSON === '1') {
  process.stdout.write(JSON.stringify({ url: host.url, origin: host.origin, token: host.token }) + '\n');
} else {
  process.stdout.write(`Bedrock Desk${options.sandbox ? ' (Sandbox)' : ''} is running: open ${host.url}\n`);
}

let closing = false;
async function shutdown(): Promise<void> {
  if (closing) return;
  closing = true;
  await host.close();
  await backend.dispose();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown());
process.on('SIGTERM', () => void shutdown());

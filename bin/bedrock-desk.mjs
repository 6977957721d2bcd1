#!/usr/bin/env node
// Runs the TypeScript CLI directly through tsx's ESM loader, so `bedrock-desk` works right
// after `npm install` with no build step.
import { register } from 'tsx/esm/api';
import './quiet-sdk-notice.mjs';

register();
const { runCli } = await import('../electron/cli/main.ts');
const code = await runCli(process.argv.slice(2), { env: process.env, stdout: process.stdout, stderr: process.stderr });
process.exitCode = code;
// Anything still holding the event loop (keep-alive sockets, a slow IMDS probe) must not keep a
// finished command alive; unref'd, this timer only fires if something else is still pending.
setTimeout(() => process.exit(code), 1500).unref();

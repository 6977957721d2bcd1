// Run by storage-faults.test.ts inside `unshare -Urm` (a private mount namespace): mounts a tiny
// tmpfs as the data dir, drives the real services (config save, conversation save, discovery
// cache write) into a REAL ENOSPC or EROFS, and prints one JSON report on stdout.
//   node --import tsx storage-faults.child.ts enospc|erofs DIR HOME
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, openSync, writeSync, closeSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Conversation } from '../../shared/types';
import { DiscoveryCacheStore, type CachedCatalog } from './discovery-cache-store';
import { createSession } from './session';

const [scenario, dir, home] = process.argv.slice(2) as ['enospc' | 'erofs', string, string];
const problems: string[] = [];
process.on('unhandledRejection', (reason) => problems.push(`unhandledRejection: ${String(reason)}`));
process.on('uncaughtException', (error) => problems.push(`uncaughtException: ${String(error)}`));

const FILLER = join(dir, 'filler.bin');

/** Every file under `root` (filler excluded) → its content. */
function snapshot(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      if (path === FILLER) continue;
      if (statSync(path).isDirectory()) walk(path);
      else out[relative(root, path)] = readFileSync(path, 'utf8');
    }
  };
  walk(root);
  return out;
}

const tempFiles = (root: string) => Object.keys(snapshot(root)).filter((p) => /\.tmp$/.test(p));

function conversation(id: string, messages: number, filler = ''): Conversation {
  const at = '2025-01-01T00:00:00.000Z';
  return {
    id,
    title: `Conversation ${id}`,
    createdAt: at,
    updatedAt: at,
    settings: { modelId: 'amazon.nova-micro-v1:0' },
    messages: Array.from({ length: messages }, (_, i) => ({ id: `${id}-${i}`, role: i % 2 ? ('assistant' as const) : ('user' as const), text: `message ${i} ${filler}`, createdAt: at })),
  };
}

const catalog = (models: number): CachedCatalog => ({
  fetchedAt: '2025-01-01T00:00:00.000Z',
  summaries: Array.from({ length: models }, (_, i) => ({ modelArn: `arn:aws:bedrock:us-east-1::foundation-model/vendor.model-${i}-v1:0`, modelId: `vendor.model-${i}-v1:0`, modelName: `Model ${i} ${'x'.repeat(40)}`, providerName: 'Vendor' })),
  profiles: [],
});

async function main() {
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${scenario === 'enospc' ? '64k' : '1m'},mode=0700`, 'tmpfs', dir]);
  const configPath = join(dir, 'bedrock-desk.json5');
  const session = createSession({
    env: { HOME: home, AWS_ACCESS_KEY_ID: 'AKIAEXAMPLESTORAGE01', AWS_SECRET_ACCESS_KEY: 'storage-test-secret', AWS_REGION: 'us-east-1', AWS_EC2_METADATA_DISABLED: 'true' },
    dataDir: dir,
    configPath,
    watchAwsFiles: false,
  });
  const report: Record<string, unknown> = { scenario };
  try {
    // A working data dir first: config, a conversation and the discovery cache on disk.
    const v1 = '// my config\n{\n  models: { bedrockDiscovery: { enabled: true, region: "us-east-1" } },\n}\n';
    const first = await session.saveConfig({ text: v1, baseVersion: 'absent' });
    if (!first.ok) throw new Error(`setup: ${first.error.message}`);
    const second = await session.saveConfig({ text: v1.replace('my config', 'my config, edited'), baseVersion: first.value.version });
    if (!second.ok) throw new Error(`setup: ${second.error.message}`);
    const savedConv = await session.conversations.save(conversation('conv-a', 2));
    if (!savedConv.ok) throw new Error(`setup: ${savedConv.error.message}`);
    const cache = new DiscoveryCacheStore(dir);
    await cache.putCatalog('scope-a', catalog(3));
    await cache.flush();
    if (scenario === 'erofs') writeFileSync(join(dir, 'conversations', 'conv-bad.json'), '{"id": "conv-bad", "messages": [');
    const before = snapshot(dir);
    report.filesBefore = Object.keys(before).sort();

    if (scenario === 'enospc') {
      // Fill the file system to the last page.
      const fd = openSync(FILLER, 'w');
      const page = Buffer.alloc(4096, 0x61);
      try {
        for (;;) writeSync(fd, page);
      } catch (error) {
        report.fillError = (error as NodeJS.ErrnoException).code;
      }
      try {
        for (;;) writeSync(fd, page.subarray(0, 1));
      } catch {
        // full to the byte
      }
      closeSync(fd);
    } else {
      execFileSync('mount', ['-o', 'remount,ro', dir]);
      try {
        writeFileSync(join(dir, 'probe'), 'x');
        report.probe = 'writable';
      } catch (error) {
        report.probe = (error as NodeJS.ErrnoException).code;
      }
    }

    const current = await session.getConfig();
    const bigger = `${current.text}// ${'a longer comment that needs more room '.repeat(40)}\n`;
    report.configSave = await session.saveConfig({ text: bigger, baseVersion: current.version });
    report.makePrimary = await session.makePrimary('amazon.nova-micro-v1:0');
    report.conversationSave = await session.conversations.save(conversation('conv-a', 30, 'y'.repeat(400)));
    report.newConversationSave = await session.conversations.save(conversation('conv-new', 4, 'z'.repeat(400)));
    if (scenario === 'erofs') report.conversationDelete = await session.conversations.delete('conv-a');
    await cache.putCatalog('scope-b', catalog(200));
    report.cacheFlush = await cache.flush().then(() => 'resolved', (error: unknown) => `rejected: ${String(error)}`);

    const after = snapshot(dir);
    report.unchanged = Object.keys(before).filter((k) => after[k] === before[k]).sort();
    report.changed = Object.keys(before).filter((k) => after[k] !== before[k]).sort();
    report.added = Object.keys(after).filter((k) => !(k in before)).sort();
    report.tempFiles = tempFiles(dir);

    // The app keeps working on what is there.
    const view = await session.getConfig();
    report.configAfter = { parseError: view.parseError ?? null, text: view.text === before['bedrock-desk.json5'] };
    const listed = await session.conversations.list();
    report.list = listed.ok ? { ids: listed.value.conversations.map((c) => c.id).sort(), problems: listed.value.problems.map((p) => ({ code: p.code, hint: p.hint })) } : { error: listed.error };
    const got = await session.conversations.get('conv-a');
    report.getConvA = got.ok ? { messages: got.value.messages.length } : { error: got.error };
    const reread = await new DiscoveryCacheStore(dir).getCatalog('scope-a');
    report.cacheReread = reread ? reread.summaries.length : null;

    if (scenario === 'enospc') {
      // Space freed: the same saves go through.
      rmSync(FILLER);
      const fresh = await session.getConfig();
      const retry = await session.saveConfig({ text: bigger, baseVersion: fresh.version });
      report.configSaveAfterFree = retry.ok ? 'ok' : retry.error;
      const retryConv = await session.conversations.save(conversation('conv-a', 30, 'y'.repeat(400)));
      report.conversationSaveAfterFree = retryConv.ok ? 'ok' : retryConv.error;
      report.tempFilesAfterFree = tempFiles(dir);
    }
  } finally {
    session.dispose();
  }
  // Let stray promises settle, so an unhandled rejection would be caught and reported.
  await new Promise((r) => setTimeout(r, 100));
  report.problems = problems;
  report.backupExists = existsSync(join(dir, 'bedrock-desk.json5.bak'));
  process.stdout.write(`${JSON.stringify(report)}\n`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stdout.write(`${JSON.stringify({ fatal: String((error as Error)?.stack ?? error), problems })}\n`);
    process.exit(1);
  },
);

// Read-only data dir and disk full on write, for real: a tiny tmpfs mounted as the data dir inside
// `unshare -Urm` (a private user + mount namespace, no privilege needed), driven by a child Node
// process that uses the real services (storage-faults.child.ts) and reports JSON. Root ignores
// chmod, so a read-only MOUNT is the only honest read-only dir; ENOSPC comes from the tmpfs size.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const CHILD = join(import.meta.dirname, 'storage-faults.child.ts');

function unshareProblem(): string | undefined {
  const probe = spawnSync('unshare', ['-Urm', 'sh', '-c', 'd=$(mktemp -d) && mount -t tmpfs -o size=64k tmpfs "$d" && umount "$d" && rmdir "$d"'], { encoding: 'utf8', timeout: 10_000 });
  if (probe.error) return `unshare could not run: ${probe.error.message}`;
  if (probe.status !== 0) return `unshare -Urm + tmpfs mount failed (exit ${probe.status}): ${probe.stderr.trim()}`;
  return undefined;
}
const skipReason = unshareProblem();
if (skipReason) console.warn(`[storage-faults] SKIPPED: ${skipReason}`);

type Report = Record<string, unknown> & { problems: string[]; tempFiles: string[]; changed: string[]; added: string[]; unchanged: string[]; filesBefore: string[] };

function runChild(scenario: 'enospc' | 'erofs'): Report {
  const dir = mkdtempSync(join(tmpdir(), `bd-${scenario}-`));
  const home = mkdtempSync(join(tmpdir(), `bd-${scenario}-home-`));
  try {
    const out = spawnSync('unshare', ['-Urm', process.execPath, '--import', 'tsx', CHILD, scenario, dir, home], { encoding: 'utf8', timeout: 30_000, cwd: join(import.meta.dirname, '..', '..') });
    expect(out.status, `child failed:\n${out.stdout}\n${out.stderr}`).toBe(0);
    const report = JSON.parse(out.stdout.trim().split('\n').at(-1) ?? '{}') as Report;
    expect(report.fatal, String(report.fatal)).toBeUndefined();
    return report;
  } finally {
    rmSync(dir, { recursive: true, force: true });
    rmSync(home, { recursive: true, force: true });
  }
}

/** What every storage fault must leave: nothing crashed, nothing changed, nothing half-written. */
function expectNothingLost(r: Report) {
  expect(r.problems).toEqual([]); // no unhandled rejection, no uncaught exception
  expect(r.filesBefore).toEqual(expect.arrayContaining(['bedrock-desk.json5', 'bedrock-desk.json5.bak', 'conversations/conv-a.json', 'discovery-cache.json']));
  expect(r.changed).toEqual([]);
  expect(r.unchanged).toEqual(r.filesBefore);
  expect(r.added).toEqual([]);
  expect(r.tempFiles).toEqual([]);
  // The app keeps working on what is there.
  expect(r.configAfter).toEqual({ parseError: null, text: true });
  expect(r.getConvA).toEqual({ messages: 2 });
  expect(r.cacheReread).toBe(3);
  expect(r.cacheFlush).toBe('resolved'); // the cache is best effort: a failed write is not an error
}

describe.skipIf(skipReason !== undefined)('storage faults on a real file system', () => {
  it('disk full (64 KiB tmpfs, real ENOSPC): config, primary model and conversation saves report it; files intact; saves work again once space is freed', () => {
    const r = runChild('enospc');
    expect(r.fillError).toBe('ENOSPC');
    for (const key of ['configSave', 'makePrimary']) {
      expect(r[key], key).toMatchObject({ ok: false, error: { code: 'ConfigNotSaved', message: expect.stringContaining('the disk is full'), hint: expect.stringContaining('previous version is unchanged') } });
    }
    for (const key of ['conversationSave', 'newConversationSave']) {
      expect(r[key], key).toMatchObject({ ok: false, error: { code: 'ConversationNotSaved', message: expect.stringContaining('the disk is full'), retryable: true } });
    }
    expectNothingLost(r);
    expect(r.list).toEqual({ ids: ['conv-a'], problems: [] });
    expect(r.configSaveAfterFree).toBe('ok');
    expect(r.conversationSaveAfterFree).toBe('ok');
    expect(r.tempFilesAfterFree).toEqual([]);
  });

  it('read-only data dir (tmpfs remounted ro, real EROFS): saves and deletes report it; corrupt files are reported, not moved; nothing crashes', () => {
    const r = runChild('erofs');
    expect(r.probe).toBe('EROFS');
    for (const key of ['configSave', 'makePrimary']) {
      expect(r[key], key).toMatchObject({ ok: false, error: { code: 'ConfigNotSaved', message: expect.stringContaining('read-only file system') } });
    }
    for (const key of ['conversationSave', 'newConversationSave']) {
      expect(r[key], key).toMatchObject({ ok: false, error: { code: 'ConversationNotSaved', message: expect.stringContaining('read-only file system') } });
    }
    expect(r.conversationDelete).toMatchObject({ ok: false, error: { code: 'ConversationNotDeleted', message: expect.stringContaining('read-only file system') } });
    expectNothingLost(r);
    expect(r.list).toMatchObject({ ids: ['conv-a'], problems: [{ code: 'ConversationCorrupt', hint: expect.stringContaining('Move') }] });
  });
});

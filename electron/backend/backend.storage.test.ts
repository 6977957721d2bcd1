// Corrupt files on disk, through the backend a window talks to (real session, real emulator, real
// files): each is reported or set aside, never overwritten by accident, and the app keeps working —
// models list, chat and conversations still answer.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../emulator/index.ts';
import type { ConfigView, ConversationList, ModelsResult } from '../../shared/types.ts';
import { createBackend, type Backend } from './backend.ts';
import { emulatorAccess } from '../emulator/test-env.ts';

const NOVA_MICRO = 'amazon.nova-micro-v1:0';
let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(async () => {
  await emulator?.close();
});

async function withBackend(setup: (dataDir: string) => { configPath?: string }, body: (backend: Backend, client: ReturnType<Backend['openClient']>, events: { event: string; payload: unknown }[], dataDir: string) => Promise<void>) {
  emulator.reset();
  const dataDir = mkdtempSync(join(tmpdir(), 'bd-storage-data-'));
  const { configPath } = setup(dataDir);
  const backend = await createBackend({
    session: {
      env: { HOME: mkdtempSync(join(tmpdir(), 'bd-storage-')), ...emulatorAccess(emulator.url) },
      dataDir,
      ...(configPath ? { configPath } : {}),
      watchAwsFiles: false,
    },
  });
  const events: { event: string; payload: unknown }[] = [];
  const client = backend.openClient({ send: (event, payload) => void events.push({ event, payload }) });
  try {
    await body(backend, client, events, dataDir);
  } finally {
    await backend.dispose();
  }
}

async function chatWorks(backend: Backend, client: ReturnType<Backend['openClient']>, events: { event: string; payload: unknown }[]) {
  emulator.setScript({ text: 'still answering', tokens: 2 });
  const started = await backend.invoke('chat:start', { requestId: `s-${Math.random().toString(36).slice(2)}`, modelId: NOVA_MICRO, messages: [{ role: 'user', text: 'hi' }] }, client);
  expect(started.ok, JSON.stringify(started)).toBe(true);
  await expect.poll(() => events.find((e) => e.event === 'chat:done' || e.event === 'chat:error')?.event, { timeout: 10_000 }).toBe('chat:done');
  expect(events.filter((e) => e.event === 'chat:delta').map((e) => (e.payload as { text: string }).text).join('')).toBe('still answering');
}

it('a config that does not parse: reported with line and column, never overwritten by a form edit or "make primary"; models and chat still work', async () => {
  const broken = '// hand-edited\n{\n  models: {\n    bedrockDiscovery: { enabled: true,, }\n  }\n}\n';
  let path = '';
  await withBackend((dataDir) => {
    path = join(dataDir, 'moltbot.json5');
    writeFileSync(path, broken);
    return { configPath: path };
  }, async (backend, client, events) => {
    const got = await backend.invoke('config:get', {}, client);
    expect(got.ok).toBe(true);
    const view = (got as { value: ConfigView }).value;
    expect(view.parseError).toMatchObject({ line: 4, column: expect.any(Number), message: expect.any(String) });
    expect(view.text).toBe(broken);
    // Make primary edits the file's text: refused while it does not parse.
    const primary = await backend.invoke('models:makePrimary', { modelId: NOVA_MICRO }, client);
    expect(primary.ok).toBe(false);
    // A save of the same broken text (what a form edit would produce) is refused, with the position.
    const save = await backend.invoke('config:save', { text: `${broken}// more\n`, baseVersion: view.version }, client);
    expect(save).toMatchObject({ ok: false, error: { code: 'ConfigInvalid', message: expect.stringMatching(/line \d+, column \d+/) } });
    expect(readFileSync(path, 'utf8')).toBe(broken);
    expect(existsSync(`${path}.bak`)).toBe(false);
    // The app keeps working: discovery runs with the defaults, chat answers.
    const models = await backend.invoke('models:list', {}, client);
    expect(models.ok).toBe(true);
    expect((models as { value: ModelsResult }).value.models.some((m) => m.id === NOVA_MICRO)).toBe(true);
    await chatWorks(backend, client, events);
    expect(readFileSync(path, 'utf8')).toBe(broken);
    // A save of valid text replaces it, and keeps the broken version as .bak.
    const fixed = await backend.invoke('config:save', { text: broken.replace(',,', ','), baseVersion: view.version }, client);
    expect(fixed.ok).toBe(true);
    expect(readFileSync(`${path}.bak`, 'utf8')).toBe(broken);
  });
});

it('a corrupt discovery cache and a corrupt conversation: set aside and reported; models, chat and the other conversations still work', async () => {
  await withBackend((dataDir) => {
    writeFileSync(join(dataDir, 'discovery-cache.json'), '{"version": 1, "lists": {"a": [truncated');
    mkdirSync(join(dataDir, 'conversations'));
    const at = '2025-01-01T00:00:00.000Z';
    writeFileSync(join(dataDir, 'conversations', 'good.json'), JSON.stringify({ id: 'good', title: 'Good one', createdAt: at, updatedAt: at, settings: {}, messages: [{ id: 'm1', role: 'user', text: 'kept', createdAt: at }] }));
    writeFileSync(join(dataDir, 'conversations', 'bad.json'), '{"id": "bad", "title": "Bad", "messages": [{"id"');
    writeFileSync(join(dataDir, 'conversations', 'index.json'), 'not json at all');
    return {};
  }, async (backend, client, events, dataDir) => {
    const models = await backend.invoke('models:list', {}, client);
    expect(models.ok).toBe(true);
    expect((models as { value: ModelsResult }).value.models.length).toBeGreaterThan(10);
    expect((models as { value: ModelsResult }).value.error).toBeUndefined();
    const files = readdirSync(dataDir);
    expect(files.filter((f) => f.startsWith('discovery-cache.json.corrupt-'))).toHaveLength(1);
    // The replacement cache is valid JSON again.
    await expect.poll(() => { try { return JSON.parse(readFileSync(join(dataDir, 'discovery-cache.json'), 'utf8')).version; } catch { return undefined; } }).toBe(1);

    const listed = await backend.invoke('conversations:list', {}, client);
    expect(listed.ok).toBe(true);
    const list = (listed as { value: ConversationList }).value;
    expect(list.conversations.map((c) => c.id)).toEqual(['good']);
    expect(list.problems).toMatchObject([{ code: 'ConversationCorrupt', message: expect.stringContaining('bad.json') }]);
    expect(readdirSync(join(dataDir, 'conversations')).filter((f) => f.startsWith('bad.json.corrupt-'))).toHaveLength(1);
    const good = await backend.invoke('conversations:get', { id: 'good' }, client);
    expect(good).toMatchObject({ ok: true, value: { messages: [{ text: 'kept' }] } });
    const bad = await backend.invoke('conversations:get', { id: 'bad' }, client);
    expect(bad).toMatchObject({ ok: false, error: { code: 'ConversationNotFound' } });
    await chatWorks(backend, client, events);
    // Saving still works next to the quarantined file.
    const at = new Date().toISOString();
    expect((await backend.invoke('conversations:save', { conversation: { id: 'new', title: 'New', createdAt: at, updatedAt: at, settings: {}, messages: [] } }, client)).ok).toBe(true);
    const again = await backend.invoke('conversations:list', {}, client);
    expect((again as { value: ConversationList }).value.conversations.map((c) => c.id).sort()).toEqual(['good', 'new']);
  });
});

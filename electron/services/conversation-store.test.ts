import { mkdtempSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Conversation } from '../../shared/types';
import { createConversationStore } from './conversation-store';
import { exportConversation, secretValues } from './conversation-export';

const dataDir = () => mkdtempSync(join(tmpdir(), 'bd-conv-'));

function conversation(id: string, extra: Partial<Conversation> = {}): Conversation {
  return {
    id,
    title: `Chat ${id}`,
    createdAt: '2025-01-01T00:00:00.000Z',
    updatedAt: '2025-01-01T00:00:00.000Z',
    settings: { modelId: 'amazon.nova-lite-v1:0', system: 'Be brief', temperature: 0.5 },
    messages: [
      { id: 'm1', role: 'user', text: `Hello from ${id}`, createdAt: '2025-01-01T00:00:00.000Z' },
      {
        id: 'm2', role: 'assistant', text: 'Hi! Here is `code`.', reasoning: 'They said hello.', modelId: 'amazon.nova-lite-v1:0', status: 'done',
        usage: { inputTokens: 10, outputTokens: 5, totalTokens: 15 }, metrics: { ttftMs: 120, totalMs: 300, outputTokensPerSecond: 40 },
        cost: { input: 0.0000006, output: 0.0000012, total: 0.0000018 }, createdAt: '2025-01-01T00:00:01.000Z',
      },
    ],
    ...extra,
  };
}

let clock = Date.parse('2025-06-01T00:00:00.000Z');
const tick = () => new Date((clock += 1000));

describe('conversation store', () => {
  it('save, get, list (newest first), rename, search, delete', async () => {
    const dir = dataDir();
    const store = createConversationStore({ dataDir: dir, now: tick });
    expect(await store.list()).toEqual({ ok: true, value: { conversations: [], problems: [] } });
    const a = await store.save(conversation('a'));
    await store.save(conversation('b', { messages: [{ id: 'x', role: 'user', text: 'Talk about PENGUINS please', createdAt: '2025-01-01T00:00:00.000Z' }] }));
    expect(a.ok && a.value.id).toBe('a');
    expect(readdirSync(join(dir, 'conversations')).sort()).toEqual(['a.json', 'b.json', 'index.json']);

    const got = await store.get('a');
    expect(got.ok && got.value.messages[1]?.reasoning).toBe('They said hello.');
    expect(got.ok && got.value.updatedAt).toBe(a.ok && a.value.updatedAt);

    let list = await store.list();
    expect(list.ok && list.value.conversations.map((c) => c.id)).toEqual(['b', 'a']);
    expect(list.ok && list.value.conversations[1]).toMatchObject({ id: 'a', title: 'Chat a', messageCount: 2, modelId: 'amazon.nova-lite-v1:0', totalCost: 0.0000018, preview: 'Hi! Here is `code`.' });

    // Rename = save with a new title; it moves to the top.
    await store.save({ ...conversation('a'), title: 'Renamed' });
    list = await store.list();
    expect(list.ok && list.value.conversations.map((c) => [c.id, c.title])).toEqual([['a', 'Renamed'], ['b', 'Chat b']]);

    // Search: title and message text, case-insensitive; a fresh store (a restart) too.
    for (const s of [store, createConversationStore({ dataDir: dir })]) {
      const penguins = await s.list('penguins');
      expect(penguins.ok && penguins.value.conversations.map((c) => c.id)).toEqual(['b']);
      const renamed = await s.list('RENAMED');
      expect(renamed.ok && renamed.value.conversations.map((c) => c.id)).toEqual(['a']);
    }

    expect(await store.delete('a')).toEqual({ ok: true, value: { deleted: true } });
    expect(await store.delete('a')).toEqual({ ok: true, value: { deleted: false } });
    const missing = await store.get('a');
    expect(missing.ok || missing.error.code).toBe('ConversationNotFound');
    list = await store.list();
    expect(list.ok && list.value.conversations.map((c) => c.id)).toEqual(['b']);
  });

  it('a corrupt file is backed up and reported; the others still load', async () => {
    const dir = dataDir();
    const store = createConversationStore({ dataDir: dir, now: tick });
    await store.save(conversation('good'));
    writeFileSync(join(dir, 'conversations', 'bad.json'), '{ "id": "bad", "title": ');
    writeFileSync(join(dir, 'conversations', 'wrong.json'), JSON.stringify({ id: 'wrong', title: 3 }));
    const list = await store.list();
    expect(list.ok && list.value.conversations.map((c) => c.id)).toEqual(['good']);
    const problems = list.ok ? list.value.problems : [];
    expect(problems.map((p) => p.code)).toEqual(['ConversationCorrupt', 'ConversationCorrupt']);
    expect(problems.map((p) => p.message).join('\n')).toMatch(/bad\.json.*not JSON/);
    const files = readdirSync(join(dir, 'conversations'));
    expect(files.filter((f) => /^bad\.json\.corrupt-/.test(f))).toHaveLength(1);
    expect(files.filter((f) => /^wrong\.json\.corrupt-/.test(f))).toHaveLength(1);
    expect(files).not.toContain('bad.json');
    // The backup keeps the bytes; a later list still reports it in this session.
    expect(readFileSync(join(dir, 'conversations', files.find((f) => f.startsWith('bad.json.corrupt-'))!), 'utf8')).toBe('{ "id": "bad", "title": ');
    const again = await store.list();
    expect(again.ok && again.value.problems).toHaveLength(2);
  });

  it('a file changed by another process is read again; an unreadable index is rebuilt', async () => {
    const dir = dataDir();
    const store = createConversationStore({ dataDir: dir, now: tick });
    await store.save(conversation('a'));
    await store.list();
    writeFileSync(join(dir, 'conversations', 'a.json'), JSON.stringify({ ...conversation('a'), title: 'Edited elsewhere, longer title' }));
    const list = await store.list();
    expect(list.ok && list.value.conversations[0]?.title).toBe('Edited elsewhere, longer title');
    writeFileSync(join(dir, 'conversations', 'index.json'), 'garbage');
    const fresh = await createConversationStore({ dataDir: dir }).list();
    expect(fresh.ok && fresh.value).toMatchObject({ conversations: [{ id: 'a' }], problems: [] });
  });

  it('refuses invalid conversations and ids that could leave the folder', async () => {
    const store = createConversationStore({ dataDir: dataDir() });
    const bad = await store.save({ ...conversation('ok'), id: '../escape' });
    expect(bad.ok || bad.error.code).toBe('InvalidConversation');
    const get = await store.get('../../etc/passwd');
    expect(get.ok || get.error.code).toBe('InvalidConversationId');
  });

  it('lists 1,000 conversations, and a restart answers from the index instead of re-reading every file', async () => {
    const dir = dataDir();
    await mkdir(join(dir, 'conversations'), { recursive: true });
    await Promise.all(Array.from({ length: 1000 }, (_, i) => {
      const id = `c${String(i).padStart(4, '0')}`;
      const c = conversation(id, { updatedAt: new Date(Date.UTC(2025, 0, 1) + i * 60_000).toISOString() });
      c.messages.push(...Array.from({ length: 20 }, (_, j) => ({ id: `x${j}`, role: (j % 2 ? 'assistant' : 'user') as 'user' | 'assistant', text: `message ${j} `.repeat(40), createdAt: c.createdAt })));
      return writeFile(join(dir, 'conversations', `${id}.json`), JSON.stringify(c));
    }));
    // A whole-second mtime survives the rewrite below exactly (sub-ms times do not round-trip).
    const file = join(dir, 'conversations', 'c0001.json');
    const mtime = 1_750_000_000;
    utimesSync(file, mtime, mtime);
    const cold = await createConversationStore({ dataDir: dir }).list();
    expect(cold.ok && cold.value.conversations).toHaveLength(1000);
    expect(cold.ok && cold.value.conversations[0]?.id).toBe('c0999');

    // Counted, not timed (speed lives in the benchmark): rewrite one file with content of the
    // same size and put its mtime back. Only a store that trusts its index still shows the old title.
    writeFileSync(file, readFileSync(file, 'utf8').replace('"title":"Chat c0001"', '"title":"Tahc c0001"'));
    utimesSync(file, mtime, mtime);
    expect(statSync(file).mtimeMs).toBe(mtime * 1000);
    expect(readFileSync(file, 'utf8')).toContain('"title":"Tahc c0001"'); // the rewrite happened
    const restarted = createConversationStore({ dataDir: dir });
    const warm = await restarted.list();
    expect(warm.ok && warm.value.conversations).toHaveLength(1000);
    expect(warm.ok && warm.value.conversations.find((c) => c.id === 'c0001')?.title).toBe('Chat c0001');

    const search = await restarted.list('Hello from c0500');
    expect(search.ok && search.value.conversations.map((c) => c.id)).toEqual(['c0500']);
    const broad = await restarted.list('message 3');
    expect(broad.ok && broad.value.conversations).toHaveLength(1000);
  });
});

describe('export', () => {
  const SECRETS = {
    AWS_ACCESS_KEY_ID: 'AKIAEXPORTTESTKEY123',
    AWS_SECRET_ACCESS_KEY: 'sEcReT-export-test-9f8e7d6c5b4a',
    AWS_SESSION_TOKEN: 'SessionTokenExportTest-ZXCVBNM0987654321',
    AWS_BEARER_TOKEN_BEDROCK: 'ABSK-export-test-bearer-QWERTY123456',
  };
  const withAttachment = (): Conversation => {
    const c = conversation('exp', { title: 'Q3: numbers & plans' });
    c.messages[0] = { ...c.messages[0]!, attachments: [{ kind: 'image', name: 'chart.png', format: 'png', bytes: 2048, dataBase64: Buffer.from('PNGDATA-should-not-be-exported').toString('base64') }] };
    c.messages.push({ id: 'm3', role: 'user', text: `my key is ${SECRETS.AWS_SECRET_ACCESS_KEY} and ${SECRETS.AWS_ACCESS_KEY_ID}`, createdAt: c.createdAt });
    c.messages.push({ id: 'm4', role: 'assistant', text: 'Partial ans', status: 'stopped', cost: { input: null, output: null, total: null }, createdAt: c.createdAt });
    return c;
  };

  it('Markdown: title, model, role headings, reasoning collapsed, attachment names, figures; no bytes, no secret', async () => {
    const dir = dataDir();
    const store = createConversationStore({ dataDir: dir, secrets: () => secretValues(SECRETS) });
    await store.save(withAttachment());
    const out = await store.export('exp', 'markdown');
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    expect(out.value).toMatchObject({ filename: 'q3-numbers-plans.md', mediaType: 'text/markdown' });
    const md = out.value.content;
    expect(md).toMatch(/^# Q3: numbers & plans\n/);
    expect(md).toContain('- **Model:** `amazon.nova-lite-v1:0`');
    expect(md).toContain('## User');
    expect(md).toContain('## Assistant (amazon.nova-lite-v1:0)');
    expect(md).toContain('<details>\n<summary>Reasoning</summary>\n\nThey said hello.\n\n</details>');
    expect(md).toContain('Attachments: chart.png (png, 2 KB)');
    expect(md).toContain('_10 in / 5 out tokens · TTFT 120 ms · 40 tokens/s · cost $0.000002_');
    expect(md).toContain('> Stopped by the user');
    expect(md).toContain('cost unknown');
    expect(md).toContain('**Total cost:** unknown');
    expect(md).not.toContain(Buffer.from('PNGDATA-should-not-be-exported').toString('base64'));
    for (const secret of Object.values(SECRETS)) expect(md).not.toContain(secret);
    expect(md).toContain('my key is [redacted] and [redacted]');
  });

  it('JSON: the stored shape without attachment bytes, valid JSON, no secret', async () => {
    const store = createConversationStore({ dataDir: dataDir(), secrets: () => secretValues(SECRETS) });
    await store.save(withAttachment());
    const out = await store.export('exp', 'json');
    if (!out.ok) throw new Error(out.error.message);
    expect(out.value).toMatchObject({ filename: 'q3-numbers-plans.json', mediaType: 'application/json' });
    const parsed = JSON.parse(out.value.content) as { format: string; conversation: Conversation };
    expect(parsed.format).toBe('bedrock-desk.conversation');
    expect(parsed.conversation.messages[0]?.attachments).toEqual([{ kind: 'image', name: 'chart.png', format: 'png', bytes: 2048 }]);
    expect(parsed.conversation.messages[1]).toMatchObject({ reasoning: 'They said hello.', usage: { outputTokens: 5 }, cost: { total: 0.0000018 } });
    for (const secret of Object.values(SECRETS)) expect(out.value.content).not.toContain(secret);
    expect(out.value.content).not.toContain('dataBase64');
  });

  it('nothing from the process environment leaks either (no secret env in the session, distinctive values set)', () => {
    const md = exportConversation(conversation('plain'), 'markdown').content;
    const json = exportConversation(conversation('plain'), 'json').content;
    for (const value of Object.values(SECRETS)) {
      expect(md).not.toContain(value);
      expect(json).not.toContain(value);
    }
  });
});

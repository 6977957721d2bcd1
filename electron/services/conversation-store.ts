// Conversations kept across restarts: one JSON file per conversation in <dataDir>/conversations/,
// written atomically (temp file, fsync, rename). A file that does not parse or validate is moved
// aside (`<id>.json.corrupt-<time>`) and reported; the others still load. Listing stays cheap with
// a thousand files: summaries are cached by (mtime, size) and persisted in index.json, so a file
// is parsed again only when it changed; full texts for search are read lazily, once.
import { mkdir, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Conversation, ConversationList, ConversationSummary } from '../../shared/types';
import { appError, fail, ok, type AppError, type Result } from '../../shared/errors';
import { requestSchemas } from '../../shared/schemas';
import { sumCosts } from './chat-cost';
import { exportConversation, type ExportFormat, type ExportedFile } from './conversation-export';
import { describeWriteError, writeFileDurably } from './durable-file';

const ID = /^[A-Za-z0-9_-]{1,64}$/;
const INDEX_FILE = 'index.json';
const INDEX_VERSION = 1;
const PREVIEW_CHARS = 160;

export interface ConversationStore {
  list(query?: string): Promise<Result<ConversationList>>;
  get(id: string): Promise<Result<Conversation>>;
  save(conversation: Conversation): Promise<Result<{ id: string; updatedAt: string }>>;
  delete(id: string): Promise<Result<{ deleted: boolean }>>;
  export(id: string, format: ExportFormat): Promise<Result<ExportedFile>>;
}

export interface ConversationStoreOptions {
  dataDir: string;
  /** Secret values (from the session's env) that must never appear in an export, whatever was typed. */
  secrets?: () => string[];
  now?: () => Date;
}

interface Entry {
  mtimeMs: number;
  size: number;
  summary: ConversationSummary;
  /** Lower-cased title + message texts; filled when the file was parsed in this process. */
  text?: string;
}

type Parsed = { ok: true; conversation: Conversation } | { ok: false; reason: string };

function parse(raw: string): Parsed {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (error) {
    return { ok: false, reason: `not JSON (${(error as Error).message})` };
  }
  const checked = requestSchemas['conversations:save'].safeParse({ conversation: value });
  if (!checked.success) {
    const issue = checked.error.issues[0];
    return { ok: false, reason: `not a conversation (${issue ? `${issue.path.slice(1).join('.') || 'root'}: ${issue.message}` : 'invalid'})` };
  }
  return { ok: true, conversation: checked.data.conversation as Conversation };
}

export function summarize(c: Conversation): ConversationSummary {
  const last = c.messages.at(-1);
  const modelId = c.settings.modelId ?? [...c.messages].reverse().find((m) => m.modelId)?.modelId;
  return {
    id: c.id,
    title: c.title,
    updatedAt: c.updatedAt,
    messageCount: c.messages.length,
    ...(modelId ? { modelId } : {}),
    totalCost: sumCosts(c.messages.map((m) => m.cost)),
    preview: (last?.text ?? '').replace(/\s+/g, ' ').trim().slice(0, PREVIEW_CHARS),
  };
}

const searchText = (c: Conversation) => [c.title, ...c.messages.map((m) => m.text)].join('\n').toLowerCase();


const byUpdated = (a: ConversationSummary, b: ConversationSummary) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : a.id.localeCompare(b.id));

export function createConversationStore(opts: ConversationStoreOptions): ConversationStore {
  const dir = join(opts.dataDir, 'conversations');
  const now = opts.now ?? (() => new Date());
  const fileOf = (id: string) => join(dir, `${id}.json`);
  let entries: Map<string, Entry> | undefined;
  let indexDirty = false;
  /** Corrupt files found in this session: reported by every list, not only the first. */
  const problems: AppError[] = [];
  /** One write at a time per conversation (and for the index), in call order. */
  const queues = new Map<string, Promise<unknown>>();
  const serial = <T>(key: string, task: () => Promise<T>): Promise<T> => {
    const next = (queues.get(key) ?? Promise.resolve()).then(task, task);
    queues.set(key, next.catch(() => undefined));
    return next;
  };

  const ensureDir = () => mkdir(dir, { recursive: true, mode: 0o700 });

  async function loadIndex(): Promise<Map<string, Entry>> {
    if (entries) return entries;
    const loaded = new Map<string, Entry>();
    try {
      const raw = JSON.parse(await readFile(join(dir, INDEX_FILE), 'utf8')) as { version?: number; entries?: Record<string, Entry> };
      if (raw.version === INDEX_VERSION && raw.entries && typeof raw.entries === 'object') {
        for (const [id, e] of Object.entries(raw.entries)) {
          if (ID.test(id) && typeof e?.mtimeMs === 'number' && typeof e.size === 'number' && e.summary?.id === id) loaded.set(id, { mtimeMs: e.mtimeMs, size: e.size, summary: e.summary });
        }
      }
    } catch {
      // No index yet, or an unreadable one: it is only a cache, rebuilt from the files.
    }
    entries = loaded;
    return loaded;
  }

  async function writeIndex(): Promise<void> {
    if (!indexDirty || !entries) return;
    indexDirty = false;
    const out: Record<string, Omit<Entry, 'text'>> = {};
    for (const [id, e] of entries) out[id] = { mtimeMs: e.mtimeMs, size: e.size, summary: e.summary };
    try {
      await serial(INDEX_FILE, async () => {
        await ensureDir();
        await writeFileDurably(join(dir, INDEX_FILE), JSON.stringify({ version: INDEX_VERSION, entries: out }));
      });
    } catch {
      indexDirty = true; // try again next time; the files themselves are safe
    }
  }

  /** Moves a bad file aside and remembers the problem. */
  async function quarantine(id: string, reason: string): Promise<AppError> {
    const stamp = now().toISOString().replace(/[:.]/g, '-');
    const backup = `${fileOf(id)}.corrupt-${stamp}`;
    let moved = true;
    try {
      await rename(fileOf(id), backup);
    } catch {
      moved = false;
    }
    const problem = appError(
      'ConversationCorrupt',
      `Conversation file ${id}.json could not be read: ${reason}.`,
      moved ? `It was moved aside to ${backup}; the other conversations are unaffected.` : `Move ${fileOf(id)} out of the way; the other conversations are unaffected.`,
    );
    problems.push(problem);
    entries?.delete(id);
    indexDirty = true;
    return problem;
  }

  /** Reads and validates one file; a bad one is quarantined. */
  async function readOne(id: string): Promise<Result<{ conversation: Conversation; mtimeMs: number; size: number }>> {
    let raw: string;
    let info: { mtimeMs: number; size: number };
    try {
      info = await stat(fileOf(id));
      raw = await readFile(fileOf(id), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return fail(appError('ConversationNotFound', 'That conversation does not exist (it may have been deleted).', 'Pick another conversation from the list.'));
      return fail(appError('ConversationUnreadable', `Conversation ${id} could not be read: ${(error as Error).message}.`, 'Check the permissions of the data directory.'));
    }
    const parsed = parse(raw);
    if (!parsed.ok) return fail(await quarantine(id, parsed.reason));
    if (parsed.conversation.id !== id) return fail(await quarantine(id, `it names itself "${parsed.conversation.id}"`));
    return ok({ conversation: parsed.conversation, mtimeMs: info.mtimeMs, size: info.size });
  }

  function remember(id: string, conversation: Conversation, info: { mtimeMs: number; size: number }): Entry {
    const entry: Entry = { mtimeMs: info.mtimeMs, size: info.size, summary: summarize(conversation), text: searchText(conversation) };
    entries?.set(id, entry);
    indexDirty = true;
    return entry;
  }

  async function list(query?: string): Promise<Result<ConversationList>> {
    const index = await loadIndex();
    let names: string[];
    try {
      names = await readdir(dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return ok({ conversations: [], problems: [...problems] });
      return fail(appError('ConversationsUnreadable', `The conversations folder could not be read: ${(error as Error).message}.`, `Check the permissions of ${dir}.`));
    }
    const ids = names.filter((n) => n.endsWith('.json') && n !== INDEX_FILE).map((n) => n.slice(0, -5)).filter((id) => ID.test(id));
    const present = new Set(ids);
    for (const id of [...index.keys()]) {
      if (!present.has(id)) {
        index.delete(id);
        indexDirty = true;
      }
    }
    const needle = query?.trim().toLowerCase() ?? '';
    // Stat everything (cheap); parse only what changed, or what a search needs the text of.
    await Promise.all(ids.map(async (id) => {
      let info;
      try {
        info = await stat(fileOf(id));
      } catch {
        index.delete(id);
        return;
      }
      const known = index.get(id);
      const fresh = known && known.mtimeMs === info.mtimeMs && known.size === info.size;
      if (fresh && (!needle || known.text !== undefined)) return;
      const read = await readOne(id);
      if (read.ok) remember(id, read.value.conversation, read.value);
    }));
    await writeIndex();
    const summaries: ConversationSummary[] = [];
    for (const entry of index.values()) {
      if (needle && !(entry.text ?? entry.summary.title.toLowerCase()).includes(needle)) continue;
      summaries.push(entry.summary);
    }
    summaries.sort(byUpdated);
    return ok({ conversations: summaries, problems: [...problems] });
  }

  async function get(id: string): Promise<Result<Conversation>> {
    if (!ID.test(id)) return fail(appError('InvalidConversationId', 'That is not a conversation id.'));
    await loadIndex();
    const read = await readOne(id);
    if (!read.ok) return read;
    remember(id, read.value.conversation, read.value);
    return ok(read.value.conversation);
  }

  async function save(conversation: Conversation): Promise<Result<{ id: string; updatedAt: string }>> {
    const checked = requestSchemas['conversations:save'].safeParse({ conversation });
    if (!checked.success) {
      const issue = checked.error.issues[0];
      return fail(appError('InvalidConversation', `The conversation cannot be saved: ${issue ? `${issue.path.slice(1).join('.')}: ${issue.message}` : 'invalid'}.`));
    }
    const { id } = conversation;
    await loadIndex();
    // The store stamps the time of the write: the list order follows what was saved last.
    const stored: Conversation = { ...(checked.data.conversation as Conversation), updatedAt: now().toISOString() };
    try {
      await serial(id, async () => {
        await ensureDir();
        await writeFileDurably(fileOf(id), JSON.stringify(stored));
        remember(id, stored, await stat(fileOf(id)));
      });
    } catch (error) {
      const { reason, hint } = describeWriteError(error, dir);
      return fail(appError('ConversationNotSaved', `The conversation could not be saved: ${reason}.`, hint, true));
    }
    await writeIndex();
    return ok({ id, updatedAt: stored.updatedAt });
  }

  async function remove(id: string): Promise<Result<{ deleted: boolean }>> {
    if (!ID.test(id)) return fail(appError('InvalidConversationId', 'That is not a conversation id.'));
    await loadIndex();
    let deleted = true;
    try {
      await serial(id, () => rm(fileOf(id)));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
        const { reason } = describeWriteError(error, dir);
        return fail(appError('ConversationNotDeleted', `The conversation could not be deleted: ${reason}.`, `Check that ${dir} can be written to (permissions, read-only mount).`));
      }
      deleted = false;
    }
    if (entries?.delete(id)) indexDirty = true;
    await writeIndex();
    return ok({ deleted });
  }

  return {
    list,
    get,
    save,
    delete: remove,
    async export(id, format) {
      const found = await get(id);
      if (!found.ok) return found;
      return ok(exportConversation(found.value, format, opts.secrets?.() ?? []));
    },
  };
}

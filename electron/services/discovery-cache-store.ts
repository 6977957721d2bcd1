// The discovery cache on disk (`<dataDir>/discovery-cache.json`): what ListFoundationModels and
// ListInferenceProfiles answered, per account + region + provider filter, and the statuses learned
// from failed calls, per account + region, and the account STS named for a credential fingerprint
// (a hash of the access key id, source, profile and endpoint: never a secret), so a restart needs
// no STS call to know whose cached lists apply. Written atomically (temp file, fsync, rename) so a
// crash leaves the old file or the new one; a file that does not parse is set aside as
// `.corrupt-<time>` and ignored — the cache is never worth failing a listing for.
import { readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import type { FoundationModelSummary, InferenceProfileSummary } from '@aws-sdk/client-bedrock';
import type { AppError } from '../../shared/errors';
import type { ModelStatus } from '../../shared/types';
import { writeFileDurably } from './durable-file';

export const CACHE_FILE_NAME = 'discovery-cache.json';
const VERSION = 1;
/** Lists kept on disk; the oldest go first (each is one account/region/filter). */
const MAX_LISTS = 16;
/** Credential fingerprints remembered; the oldest go first. */
const MAX_IDENTITIES = 32;

/** What AWS answered, before Moltbot's filter: the filter and defaults are applied per read. */
export interface CachedCatalog {
  fetchedAt: string;
  summaries: FoundationModelSummary[];
  profiles: InferenceProfileSummary[];
  /** ListInferenceProfiles failed; models were listed without their profiles. */
  profilesError?: AppError;
}

interface CacheFile {
  version: number;
  lists: Record<string, CachedCatalog>;
  statuses: Record<string, Record<string, ModelStatus>>;
  /** Credential fingerprint → the identity the cache is keyed by (`account:<id>`). Optional: older files have none. */
  identities?: Record<string, string>;
}

const empty = (): CacheFile => ({ version: VERSION, lists: {}, statuses: {} });
const isRecord = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

function validCatalog(value: unknown): value is CachedCatalog {
  return isRecord(value) && typeof value.fetchedAt === 'string' && Array.isArray(value.summaries) && Array.isArray(value.profiles);
}

/** Keeps the well-formed parts; throws when the file is not a cache at all. */
function parseCacheFile(text: string): CacheFile {
  const raw: unknown = JSON.parse(text);
  if (!isRecord(raw) || raw.version !== VERSION || !isRecord(raw.lists) || !isRecord(raw.statuses)) throw new Error('not a discovery cache of this version');
  const file = empty();
  for (const [key, value] of Object.entries(raw.lists)) if (validCatalog(value)) file.lists[key] = value;
  for (const [scope, value] of Object.entries(raw.statuses)) {
    if (!isRecord(value)) continue;
    const statuses: Record<string, ModelStatus> = {};
    for (const [id, status] of Object.entries(value)) {
      if (isRecord(status) && typeof status.kind === 'string' && typeof status.message === 'string') statuses[id] = status as unknown as ModelStatus;
    }
    file.statuses[scope] = statuses;
  }
  if (isRecord(raw.identities)) {
    for (const [fingerprint, identity] of Object.entries(raw.identities)) {
      if (typeof identity === 'string' && identity) (file.identities ??= {})[fingerprint] = identity;
    }
  }
  return file;
}

export class DiscoveryCacheStore {
  readonly path: string;
  /** Where a corrupt cache file was moved, when one was. */
  corruptBackupPath: string | undefined;
  private file: CacheFile | undefined;
  private loading: Promise<CacheFile> | undefined;
  private writing: Promise<void> = Promise.resolve();

  constructor(dataDir: string, private readonly now: () => number = Date.now) {
    this.path = join(dataDir, CACHE_FILE_NAME);
  }

  private load(): Promise<CacheFile> {
    if (this.file) return Promise.resolve(this.file);
    return (this.loading ??= this.read().then((file) => (this.file = file)));
  }

  private async read(): Promise<CacheFile> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch {
      return empty(); // missing or unreadable: start empty, the next write replaces it
    }
    try {
      return parseCacheFile(text);
    } catch {
      const backup = `${this.path}.corrupt-${new Date(this.now()).toISOString().replace(/[:.]/g, '-')}`;
      await rename(this.path, backup).then(() => (this.corruptBackupPath = backup), () => undefined);
      return empty();
    }
  }

  /** Writes are queued so two saves never interleave; a failed write leaves the old file. */
  private save(file: CacheFile): Promise<void> {
    const text = JSON.stringify(file);
    this.writing = this.writing.then(() => writeFileDurably(this.path, text, { createDir: true })).catch(() => undefined);
    return this.writing;
  }

  /** Starts reading the file now (a restart reads it while credentials resolve); reads then wait for it. */
  preload(): void {
    void this.load();
  }

  async getCatalog(key: string): Promise<CachedCatalog | undefined> {
    return (await this.load()).lists[key];
  }

  async putCatalog(key: string, catalog: CachedCatalog): Promise<void> {
    const file = await this.load();
    delete file.lists[key]; // re-insert: object key order is the recency order
    file.lists[key] = catalog;
    const keys = Object.keys(file.lists);
    for (const old of keys.slice(0, Math.max(0, keys.length - MAX_LISTS))) delete file.lists[old];
    await this.save(file);
  }

  async getStatuses(scope: string): Promise<Record<string, ModelStatus>> {
    return { ...((await this.load()).statuses[scope] ?? {}) };
  }

  /** `status` undefined forgets what was learned (a call succeeded). */
  async setStatus(scope: string, modelId: string, status: ModelStatus | undefined): Promise<void> {
    const file = await this.load();
    const statuses = (file.statuses[scope] ??= {});
    if (status) statuses[modelId] = status;
    else if (modelId in statuses) delete statuses[modelId];
    else return;
    await this.save(file);
  }

  /** The identity remembered for a credential fingerprint, if any. */
  async getIdentity(fingerprint: string): Promise<string | undefined> {
    const identities = (await this.load()).identities;
    return identities && Object.hasOwn(identities, fingerprint) ? identities[fingerprint] : undefined;
  }

  async putIdentity(fingerprint: string, identity: string): Promise<void> {
    const file = await this.load();
    const identities = (file.identities ??= {});
    if (identities[fingerprint] === identity) return;
    delete identities[fingerprint]; // re-insert: object key order is the recency order
    identities[fingerprint] = identity;
    const keys = Object.keys(identities);
    for (const old of keys.slice(0, Math.max(0, keys.length - MAX_IDENTITIES))) delete identities[old];
    // Alone it is not worth creating the file (with `refreshInterval: 0` nothing is cached): it
    // is written now next to what is cached already, or else with the next list or status saved.
    if (Object.keys(file.lists).length > 0 || Object.keys(file.statuses).length > 0) await this.save(file);
  }

  /** Resolves once queued writes are on disk (tests, shutdown). */
  flush(): Promise<void> {
    return this.writing;
  }
}

// The one way Bedrock Desk writes a file it must not lose (config, conversations, caches): a temp
// file beside the target, fsync, rename over it, fsync the directory. A reader sees the old
// content or the new, never half of either; a failed write (disk full, read-only) leaves the
// target untouched and no temp file behind.
import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

export interface DurableWriteOptions {
  /** File mode of the result; 0600 by default: these files are the user's alone. */
  mode?: number;
  /** Create the target's directory first. */
  createDir?: boolean;
}

export async function writeFileDurably(target: string, text: string, options: DurableWriteOptions = {}): Promise<void> {
  const mode = options.mode ?? 0o600;
  if (options.createDir) await mkdir(dirname(target), { recursive: true });
  const temp = join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const handle = await open(temp, 'wx', mode);
  try {
    await handle.writeFile(text, 'utf8');
    await handle.chmod(mode); // the umask may have narrowed it
    await handle.sync();
  } catch (error) {
    await handle.close();
    await rm(temp, { force: true });
    throw error;
  }
  await handle.close();
  try {
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  try {
    const dirHandle = await open(dirname(target), 'r');
    await dirHandle.sync().finally(() => dirHandle.close());
  } catch {
    // Directory fsync is not supported everywhere (Windows); the rename itself is atomic.
  }
}

/** Why a write failed, in words a user can act on (disk full, read-only, permissions). */
export function describeWriteError(error: unknown, dir: string): { reason: string; hint: string } {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return { reason: 'the disk is full', hint: `Free some space on the disk that holds ${dir}, then save again; the previous version is unchanged.` };
    case 'EROFS':
      return { reason: 'the folder is on a read-only file system', hint: `${dir} cannot be written to; remount it read-write or choose another location. The previous version is unchanged.` };
    case 'EACCES':
    case 'EPERM':
      return { reason: 'permission was denied', hint: `Check the permissions of ${dir}; the previous version is unchanged.` };
    default:
      return { reason: (error as Error | undefined)?.message ?? String(error), hint: `Check free space and the permissions of ${dir}; the previous version is unchanged.` };
  }
}

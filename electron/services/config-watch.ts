// Notices when the config file changes on disk (another editor, Moltbot, `config set`, a save
// from another window). Watches the directory, not the file: editors and our own atomic saves
// replace the file by rename, which a watch on the old inode would miss. Debounced, and only a
// change of content (version) is reported.
import { watch, watchFile, unwatchFile, type FSWatcher } from 'node:fs';
import { basename, dirname } from 'node:path';
import { readConfigFile } from './config-store';

export interface ConfigWatcher {
  close(): void;
}

export function watchConfigFile(path: string, initialVersion: string | undefined, onChange: (version: string) => void, debounceMs = 150): ConfigWatcher {
  let last = initialVersion;
  let timer: NodeJS.Timeout | undefined;
  let closed = false;
  let watcher: FSWatcher | undefined;
  const name = basename(path);

  const check = () => {
    timer = undefined;
    void readConfigFile(path).then((file) => {
      if (closed || file.version === last) return;
      last = file.version;
      onChange(file.version);
    });
  };
  const schedule = () => {
    if (closed) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(check, debounceMs);
  };
  // Establish the baseline now when the caller did not know it.
  if (last === undefined) void readConfigFile(path).then((file) => (last ??= file.version));

  try {
    watcher = watch(dirname(path), { persistent: false }, (_event, filename) => {
      if (!filename || filename.toString() === name) schedule();
    });
    watcher.on('error', () => {
      watcher?.close();
      watcher = undefined;
      watchFile(path, { interval: 1000, persistent: false }, schedule);
    });
  } catch {
    // The directory does not exist (yet): poll the path instead.
    watchFile(path, { interval: 1000, persistent: false }, schedule);
  }

  return {
    close() {
      closed = true;
      if (timer) clearTimeout(timer);
      watcher?.close();
      unwatchFile(path, schedule);
    },
  };
}

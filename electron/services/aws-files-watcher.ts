// Watches the shared AWS files (and the SSO token cache) so an edit to ~/.aws/config, a new
// profile or an `aws sso login` re-resolves the connection without a restart. Directories are
// watched, not files: editors replace files by rename, and the files may not exist yet.
import { existsSync, watch, type FSWatcher } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { awsConfigPaths } from './aws-profile';

type Env = Record<string, string | undefined>;

export const WATCH_DEBOUNCE_MS = 200;

export interface AwsFilesWatcher {
  close(): void;
}

interface Target {
  dir: string;
  /** Only these names matter in `dir`; undefined: any change. */
  names?: Set<string>;
}

function targetsFor(env: Env): Target[] {
  const { filepath, configFilepath } = awsConfigPaths(env);
  const home = env.HOME || env.USERPROFILE;
  const byDir = new Map<string, Set<string>>();
  for (const file of [filepath, configFilepath]) {
    const names = byDir.get(dirname(file)) ?? new Set<string>();
    names.add(basename(file));
    byDir.set(dirname(file), names);
  }
  const targets: Target[] = [...byDir].map(([dir, names]) => ({ dir, names }));
  if (home) targets.push({ dir: join(home, '.aws', 'sso', 'cache') });
  return targets;
}

export function watchAwsFiles(env: Env, onChange: () => void): AwsFilesWatcher {
  const watchers = new Map<string, FSWatcher>();
  let timer: NodeJS.Timeout | undefined;
  let closed = false;

  const fire = () => {
    if (closed) return;
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (closed) return;
      arm(); // a directory may have appeared (e.g. ~/.aws created by `aws configure`)
      onChange();
    }, WATCH_DEBOUNCE_MS);
  };

  /** Watches `dir` for `names`, or, while it does not exist, its nearest existing ancestor. */
  function watchTarget(target: Target): void {
    let dir = target.dir;
    let names = target.names;
    while (!existsSync(dir)) {
      const parent = dirname(dir);
      if (parent === dir) return;
      names = new Set([basename(dir)]);
      dir = parent;
    }
    const key = `${dir}\u0000${names ? [...names].sort().join('/') : '*'}`;
    if (watchers.has(key)) return;
    try {
      const watcher = watch(dir, { persistent: false }, (_event, filename) => {
        if (!names || !filename || names.has(filename.toString())) fire();
      });
      watcher.on('error', () => {
        watcher.close();
        watchers.delete(key);
      });
      watchers.set(key, watcher);
    } catch {
      // Unwatchable (permissions, platform limits): the Refresh button still works.
    }
  }

  function arm(): void {
    // Drop watchers on ancestors once the real directory exists; keep the rest.
    for (const [key, watcher] of watchers) {
      watcher.close();
      watchers.delete(key);
    }
    for (const target of targetsFor(env)) watchTarget(target);
  }

  arm();
  return {
    close() {
      closed = true;
      clearTimeout(timer);
      for (const watcher of watchers.values()) watcher.close();
      watchers.clear();
    },
  };
}

// Which file is open and how it was found; open another by path (native dialogs can come later).
import { useState } from 'react';
import type { ConfigView } from '../../../shared/types';
import { useConfigStore } from '../../stores/config-store';
import { ORIGIN_LABELS } from './config-fields';

export function FileBar({ view, dirty }: { view: ConfigView; dirty: boolean }) {
  const [path, setPath] = useState('');
  const open = useConfigStore((s) => s.open);
  const canOpen = path.trim() !== '' && !dirty;
  return (
    <div className="config-filebar">
      <div className="config-file">
        <span className="config-path mono selectable" data-testid="config-path" title={view.path}>
          {view.path}
        </span>
        <span className="chip" data-testid="config-origin" data-origin={view.origin} title="How this file was found">
          {ORIGIN_LABELS[view.origin]}
        </span>
        {!view.exists && <span className="chip chip-warn">new file — created on save</span>}
      </div>
      <form
        className="config-open"
        onSubmit={(event) => {
          event.preventDefault();
          if (canOpen) void open(path.trim()).then(() => setPath(''));
        }}
      >
        <input className="input mono" aria-label="Open another file…" placeholder="Open another file… (path)" value={path} onChange={(e) => setPath(e.target.value)} spellCheck={false} />
        <button type="submit" className="button" disabled={!canOpen} title={dirty ? 'Save or revert your edits first' : undefined}>
          Open
        </button>
      </form>
    </div>
  );
}

// The raw JSON5 in CodeMirror 6. The store's buffer is the truth: user edits go to it, and when it
// changes from elsewhere (a form edit, a reload) only the changed span is replaced, so the cursor
// and scroll position stay where they were.
//
// CSP: the page allows no inline styles, and style-mod (CodeMirror's styling) writes a <style>
// element when mounted in a document — refused. Mounted in a shadow root it uses a constructable
// stylesheet (adoptedStyleSheets), which CSP does not restrict. So the editor lives in one.
import { lintGutter, setDiagnostics, type Diagnostic } from '@codemirror/lint';
import { Annotation, EditorState, type Text } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { basicSetup } from 'codemirror';
import { json5 } from 'codemirror-json5';
import { useEffect, useRef } from 'react';
import type { ConfigIssue } from '../../../shared/types';
import { useConfigStore } from '../../stores/config-store';

/** Marks transactions that bring the store's text in, so they are not sent back to it. */
const fromStore = Annotation.define<boolean>();

const theme = EditorView.theme({
  '&': { height: '100%', fontSize: '12px', backgroundColor: '#ffffff' },
  '&.cm-focused': { outline: 'none' },
  '.cm-scroller': { fontFamily: "ui-monospace, SFMono-Regular, 'SF Mono', Menlo, Consolas, 'Liberation Mono', monospace", lineHeight: '1.55' },
  '.cm-gutters': { backgroundColor: '#fafafb', borderRight: '1px solid #dedee3', color: '#8a8a93' },
  '.cm-activeLine': { backgroundColor: '#f4f7fc' },
  '.cm-activeLineGutter': { backgroundColor: '#e7f0fc' },
  '.cm-diagnostic': { fontFamily: '-apple-system, system-ui, sans-serif', fontSize: '12px' },
});

/** One line, 1-based line and column → a document range (clamped: an issue may be about an older text). */
export function issueRange(doc: Text, issue: Pick<ConfigIssue, 'line' | 'column'>): { from: number; to: number } {
  const line = doc.line(Math.min(Math.max(issue.line, 1), doc.lines));
  const from = Math.min(line.from + Math.max(issue.column - 1, 0), line.to);
  // Underline the token that starts there (a word, a number, a quoted string), at least one character.
  const rest = doc.sliceString(from, line.to);
  const token = /^("[^"]*"?|'[^']*'?|[\w$.+-]+)/.exec(rest)?.[0].length ?? 1;
  return { from, to: Math.min(from + Math.max(token, 1), line.to) || from };
}

function diagnosticsFor(doc: Text, issues: ConfigIssue[]): Diagnostic[] {
  return issues.map((issue) => {
    const { from, to } = issueRange(doc, issue);
    return {
      from,
      to,
      severity: issue.severity,
      message: `${issue.message} (line ${issue.line}, column ${issue.column})`,
      source: issue.path || undefined,
    };
  });
}

/** The smallest single change turning `before` into `after`: common prefix and suffix stay untouched. */
export function minimalChange(before: string, after: string): { from: number; to: number; insert: string } | null {
  if (before === after) return null;
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let endBefore = before.length;
  let endAfter = after.length;
  while (endBefore > start && endAfter > start && before.charCodeAt(endBefore - 1) === after.charCodeAt(endAfter - 1)) {
    endBefore--;
    endAfter--;
  }
  return { from: start, to: endBefore, insert: after.slice(start, endAfter) };
}

export function RawEditor() {
  const hostRef = useRef<HTMLDivElement>(null);
  const viewRef = useRef<EditorView | null>(null);

  useEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    const shadow = host.shadowRoot ?? host.attachShadow({ mode: 'open' });
    const parent = document.createElement('div');
    parent.className = 'config-raw-root';
    shadow.replaceChildren(parent);
    // The host's size is the editor's: a sheet of our own for the wrapper (constructable, CSP-safe).
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(':host { display: block; } .config-raw-root { height: 100%; }');
    shadow.adoptedStyleSheets = [sheet];

    const view = new EditorView({
      parent,
      root: shadow,
      state: EditorState.create({
        doc: useConfigStore.getState().buffer,
        extensions: [
          basicSetup,
          lintGutter(),
          json5(),
          theme,
          EditorView.lineWrapping,
          EditorView.contentAttributes.of({ 'aria-label': 'Raw JSON5' }),
          EditorView.updateListener.of((update) => {
            if (!update.docChanged) return;
            if (update.transactions.some((tr) => tr.annotation(fromStore))) return;
            useConfigStore.getState().setBuffer(update.state.doc.toString());
          }),
        ],
      }),
    });
    viewRef.current = view;

    const sync = () => {
      const state = useConfigStore.getState();
      const current = view.state.doc.toString();
      const change = minimalChange(current, state.buffer);
      if (change) {
        // A form edit: bring the changed text into view unless the user is typing here.
        const scroll = view.hasFocus ? [] : [EditorView.scrollIntoView(change.from, { y: 'nearest' })];
        view.dispatch({ changes: change, annotations: [fromStore.of(true)], effects: scroll });
      }
      const doc = view.state.doc;
      // Diagnostics only for the text they were computed from; a newer keystroke waits for its own.
      if (state.analysis && state.analyzedText === doc.toString()) {
        view.dispatch(setDiagnostics(view.state, diagnosticsFor(doc, state.analysis.issues)));
      }
    };
    sync();
    const unsubscribe = useConfigStore.subscribe((state, previous) => {
      if (state.buffer !== previous.buffer || state.analysis !== previous.analysis) sync();
    });
    return () => {
      unsubscribe();
      view.destroy();
      viewRef.current = null;
    };
  }, []);

  return <div ref={hostRef} className="config-raw" data-testid="config-raw" />;
}

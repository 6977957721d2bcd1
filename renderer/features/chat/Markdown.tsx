// Renders assistant markdown block by block; finished blocks are rendered once and never touched
// again (see MarkdownView), so a long answer costs the same per frame at its end as at its start.
import { useEffect, useLayoutEffect, useRef, type MouseEvent } from 'react';
import { copyText } from '../../ui/CopyButton';
import { MarkdownView } from './markdown-view';
import './markdown.css';

/** Copy buttons live inside sanitized HTML, so one delegated handler serves them all. */
function onMarkdownClick(event: MouseEvent<HTMLDivElement>): void {
  const target = event.target as HTMLElement;
  const copy = target.closest<HTMLButtonElement>('button[data-copy-code]');
  if (copy) {
    const code = copy.closest('.code-block')?.querySelector('code')?.textContent ?? '';
    void copyText(code).then((copied) => {
      copy.textContent = copied ? 'Copied' : 'Copy failed';
      setTimeout(() => (copy.textContent = 'Copy'), 1500);
    });
    return;
  }
  const link = target.closest<HTMLAnchorElement>('a[href]');
  if (link) {
    // Never navigate the app window away; http(s) links open outside it.
    event.preventDefault();
    if (/^https?:/i.test(link.href)) window.open(link.href, '_blank', 'noopener,noreferrer');
  }
}

/** `streaming`: the last block may still grow (shown unhighlighted until it is finished). */
export function Markdown({ text, streaming = false }: { text: string; streaming?: boolean }) {
  const root = useRef<HTMLDivElement>(null);
  const view = useRef<MarkdownView | null>(null);
  // Layout effect: the DOM is in step before the browser paints this commit.
  useLayoutEffect(() => {
    if (!root.current) return;
    view.current ??= new MarkdownView(root.current);
    view.current.update(text, streaming);
  }, [text, streaming]);
  useEffect(
    () => () => {
      view.current?.dispose();
      view.current = null;
    },
    [],
  );
  // React owns the container only; MarkdownView owns what is inside it.
  return <div className="markdown" ref={root} onClick={onMarkdownClick} />;
}

// Renders assistant markdown block by block; finished blocks are memoised and never re-parsed.
import { memo, useMemo, useRef, type MouseEvent } from 'react';
import { EMPTY_BLOCKS, renderMarkdown, splitBlocks, type BlockCache } from './markdown';

const MarkdownBlock = memo(function MarkdownBlock({ source }: { source: string }) {
  const html = useMemo(() => renderMarkdown(source), [source]);
  return <div className="md-block" dangerouslySetInnerHTML={{ __html: html }} />;
});

async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

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

export function Markdown({ text }: { text: string }) {
  const cache = useRef<BlockCache>(EMPTY_BLOCKS);
  const blocks = useMemo(() => {
    const split = splitBlocks(text, cache.current);
    cache.current = split.cache;
    return split.blocks;
  }, [text]);
  return (
    <div className="markdown" onClick={onMarkdownClick}>
      {blocks.map((block, index) => (
        <MarkdownBlock key={index} source={block} />
      ))}
    </div>
  );
}

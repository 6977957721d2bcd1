// Renders assistant markdown block by block; finished blocks are memoised and never re-parsed.
import { memo, useMemo, useRef, type MouseEvent } from 'react';
import { copyText } from '../../ui/CopyButton';
import { EMPTY_BLOCKS, renderMarkdown, splitBlocks, type BlockCache } from './markdown';

/**
 * A still-growing block longer than this is shown as plain text until it is finished: parsing it
 * again every frame would make a huge single block (a long code listing) quadratic.
 */
const PLAIN_TAIL_CHARS = 8_000;

const MarkdownBlock = memo(function MarkdownBlock({ source, finished }: { source: string; finished: boolean }) {
  const html = useMemo(() => (finished || source.length <= PLAIN_TAIL_CHARS ? renderMarkdown(source, finished) : null), [source, finished]);
  if (html === null) return <div className="md-block md-plain">{source}</div>;
  return <div className="md-block" dangerouslySetInnerHTML={{ __html: html }} />;
});

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
  const cache = useRef<BlockCache>(EMPTY_BLOCKS);
  const blocks = useMemo(() => {
    const split = splitBlocks(text, cache.current);
    cache.current = split.cache;
    return split.blocks;
  }, [text]);
  return (
    <div className="markdown" onClick={onMarkdownClick}>
      {blocks.map((block, index) => (
        <MarkdownBlock key={index} source={block} finished={!streaming || index < blocks.length - 1} />
      ))}
    </div>
  );
}

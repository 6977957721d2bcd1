// Markdown → sanitized HTML. `marked` parses, DOMPurify cleans; nothing else reaches the DOM.
// Long answers are split into top-level blocks (markdown-blocks.ts) so a streaming message
// re-parses only its last, still-growing block each frame instead of the whole text.
import DOMPurify from 'dompurify';
import { Marked } from 'marked';
import { escapeHtml, highlight } from './highlight';

/** Code blocks with a copy button; `highlighted` only for finished blocks (a growing one is plain). */
function createMarked(highlighted: boolean): Marked {
  return new Marked({
    gfm: true,
    async: false,
    renderer: {
      code({ text, lang, escaped }) {
        const language = (lang ?? '').match(/^\S*/)?.[0] ?? '';
        const colored = highlighted && !escaped && language ? highlight(text, language) : null;
        const body = colored ?? (escaped ? text : escapeHtml(text));
        const label = language ? `<span class="code-lang">${escapeHtml(language)}</span>` : '';
        return `<div class="code-block"><div class="code-bar">${label}<button type="button" class="code-copy" data-copy-code="">Copy</button></div><pre><code${
          language ? ` class="language-${escapeHtml(language)}"` : ''
        }>${body}</code></pre></div>`;
      },
    },
  });
}

const plainMarked = createMarked(false);
const highlightedMarked = createMarked(true);

export function renderMarkdown(source: string, finished = true): string {
  const html = (finished ? highlightedMarked : plainMarked).parse(source, { async: false }) as string;
  return DOMPurify.sanitize(html);
}

/**
 * An inert document (no browsing context: nothing loads, no script or handler runs) where markup
 * is parsed and sanitised before its nodes move into the page.
 */
let inertDocument: Document | null = null;

/**
 * Finished blocks, each as a `div.md-block` ready to insert: every block is parsed on its own (its
 * markup cannot leak into the next), and one DOMPurify pass cleans them all.
 */
export function renderMarkdownBlocks(sources: readonly string[]): HTMLElement[] {
  inertDocument ??= document.implementation.createHTMLDocument('');
  const holder = inertDocument.createElement('div');
  for (const source of sources) {
    const block = inertDocument.createElement('div');
    block.className = 'md-block';
    block.innerHTML = highlightedMarked.parse(source, { async: false }) as string;
    holder.appendChild(block);
  }
  let cleaned = false;
  try {
    DOMPurify.sanitize(holder, { IN_PLACE: true });
    cleaned = holder.children.length === sources.length;
  } catch {
    // DOMPurify refused to clean this tree in place: the string path below, block by block.
  }
  if (cleaned) return [...holder.children] as HTMLElement[];
  return sources.map((source) => {
    const block = document.createElement('div');
    block.className = 'md-block';
    block.innerHTML = renderMarkdown(source, true);
    return block;
  });
}

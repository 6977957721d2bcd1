// A small syntax highlighter for finished code blocks: comments, strings, numbers and keywords of
// common languages, nothing more. Every piece of the code goes through `escapeHtml`, and the result
// is still sanitized with the rest of the markdown, so the only markup added is <span class="tok-…">.

export const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

interface Grammar {
  /** Regex sources, tried in this order at each position. */
  comment: string[];
  string: string[];
  keywords: ReadonlySet<string>;
}

const words = (list: string): ReadonlySet<string> => new Set(list.split(/\s+/).filter(Boolean));

const C_COMMENTS = ['//[^\\n]*', '/\\*[\\s\\S]*?(?:\\*/|$)'];
const HASH_COMMENT = ['#[^\\n]*'];
const QUOTED = ['"(?:\\\\[\\s\\S]|[^"\\\\\\n])*"?', "'(?:\\\\[\\s\\S]|[^'\\\\\\n])*'?"];

const JS_WORDS = words(`break case catch class const continue debugger default delete do else export extends finally for function if import
  in instanceof let new return super switch this throw try typeof var void while with yield async await of static get set from as
  interface type enum implements private protected public readonly abstract declare namespace keyof satisfies true false null undefined`);

const GRAMMARS: Record<string, Grammar> = {
  js: { comment: C_COMMENTS, string: ['`(?:\\\\[\\s\\S]|[^`\\\\])*`?', ...QUOTED], keywords: JS_WORDS },
  python: {
    comment: HASH_COMMENT,
    string: ['"""[\\s\\S]*?(?:"""|$)', "'''[\\s\\S]*?(?:'''|$)", ...QUOTED],
    keywords: words(`and as assert async await break class continue def del elif else except finally for from global if import in is
      lambda nonlocal not or pass raise return try while with yield True False None self`),
  },
  shell: {
    comment: HASH_COMMENT,
    string: QUOTED,
    keywords: words('if then else elif fi for while until do done case esac in function return export local set unset echo cd sudo aws npm npx'),
  },
  go: {
    comment: C_COMMENTS,
    string: ['`[^`]*`?', ...QUOTED],
    keywords: words(`break case chan const continue default defer else fallthrough for func go goto if import interface map package range
      return select struct switch type var nil true false err`),
  },
  rust: {
    comment: C_COMMENTS,
    string: ['"(?:\\\\[\\s\\S]|[^"\\\\])*"?'],
    keywords: words(`as async await break const continue crate else enum extern false fn for if impl in let loop match mod move mut pub ref
      return self Self static struct super trait true type unsafe use where while dyn Some None Ok Err`),
  },
  c: {
    comment: C_COMMENTS,
    string: QUOTED,
    keywords: words(`auto break case char class const continue default do double else enum extern float for goto if int long namespace new
      private protected public return short signed sizeof static struct switch template this throw try catch typedef union unsigned
      using virtual void volatile while bool true false null nullptr string var final import package extends implements boolean`),
  },
  sql: {
    comment: ['--[^\\n]*', '/\\*[\\s\\S]*?(?:\\*/|$)'],
    string: ["'(?:''|[^'])*'?"],
    keywords: words(`select from where and or not insert into values update set delete create table drop alter index join left right inner
      outer on group by order having limit as distinct null is in like between case when then else end primary key union all`),
  },
  json: { comment: [], string: ['"(?:\\\\[\\s\\S]|[^"\\\\\\n])*"?'], keywords: words('true false null') },
  yaml: { comment: HASH_COMMENT, string: QUOTED, keywords: words('true false null yes no') },
};

const ALIASES: Record<string, string> = {
  js: 'js', javascript: 'js', jsx: 'js', ts: 'js', typescript: 'js', tsx: 'js', mjs: 'js', cjs: 'js', json5: 'js',
  py: 'python', python: 'python', sh: 'shell', bash: 'shell', zsh: 'shell', shell: 'shell', console: 'shell',
  go: 'go', golang: 'go', rs: 'rust', rust: 'rust',
  c: 'c', h: 'c', cpp: 'c', 'c++': 'c', cc: 'c', cs: 'c', csharp: 'c', java: 'c', kotlin: 'c', kt: 'c', swift: 'c',
  sql: 'sql', json: 'json', yaml: 'yaml', yml: 'yaml', toml: 'yaml',
};

/** Past this a block is shown plain: highlighting is a nicety, never a stall. */
const MAX_HIGHLIGHT_CHARS = 100_000;

const compiled = new Map<string, RegExp>();

function tokenizer(name: string, grammar: Grammar): RegExp {
  let regex = compiled.get(name);
  if (!regex) {
    const group = (sources: string[]) => (sources.length ? `(${sources.join('|')})` : '(?!)');
    // Groups: 1 comment, 2 string, 3 number, 4 word.
    regex = new RegExp(`${group(grammar.comment)}|${group(grammar.string)}|(\\b\\d[\\d_]*(?:\\.\\d+)?(?:e[+-]?\\d+)?\\b|\\b0x[\\da-f]+\\b)|([A-Za-z_$][\\w$]*)`, 'gi');
    compiled.set(name, regex);
  }
  regex.lastIndex = 0;
  return regex;
}

/** Highlighted, escaped HTML for `code`, or null when the language is not one we know. */
export function highlight(code: string, language: string): string | null {
  const name = ALIASES[language.toLowerCase()];
  const grammar = name ? GRAMMARS[name] : undefined;
  if (!name || !grammar || code.length > MAX_HIGHLIGHT_CHARS) return null;
  const regex = tokenizer(name, grammar);
  let html = '';
  let last = 0;
  for (let match = regex.exec(code); match; match = regex.exec(code)) {
    if (match[0] === '') {
      regex.lastIndex++;
      continue;
    }
    const [text, comment, string, number, word] = match;
    const kind = comment ? 'com' : string ? 'str' : number ? 'num' : word && grammar.keywords.has(name === 'sql' ? word.toLowerCase() : word) ? 'kw' : null;
    if (!kind) continue;
    html += escapeHtml(code.slice(last, match.index)) + `<span class="tok-${kind}">${escapeHtml(text)}</span>`;
    last = match.index + text.length;
  }
  return html + escapeHtml(code.slice(last));
}

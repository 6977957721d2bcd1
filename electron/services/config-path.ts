// Moltbot's `config get/set` path notation: dots and brackets, e.g.
// `models.providers["amazon-bedrock"].models[0].id` or `models.providers.amazon-bedrock.models[0].id`.
// A backslash escapes the next character in a bare segment (`a\.b` is the key "a.b").

export type PathSegment = string | number;

export type ParsedPath = { ok: true; path: PathSegment[] } | { ok: false; message: string };

export function parseConfigPath(raw: string): ParsedPath {
  const text = raw.trim();
  const bad = (why: string): ParsedPath => ({ ok: false, message: `invalid path "${raw}": ${why}` });
  if (!text) return { ok: false, message: 'the path is empty' };
  const path: PathSegment[] = [];
  let current = '';
  let escaped = false; // `\.`: a bare segment may consist of escaped characters only
  const flush = () => {
    if (current || escaped) path.push(current);
    current = '';
    escaped = false;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (ch === '\\') {
      const next = text[i + 1];
      if (next === undefined) return bad('dangling "\\"');
      current += next;
      escaped = true;
      i += 1;
    } else if (ch === '.') {
      // An empty segment is an error, except right after a bracket: `a[0].b`.
      if (!current && !escaped && text[i - 1] !== ']') return bad('empty segment');
      if (i === text.length - 1) return bad('ends with "."');
      flush();
    } else if (ch === '[') {
      flush();
      const close = findClose(text, i);
      if (close < 0) return bad('missing "]"');
      const inside = text.slice(i + 1, close).trim();
      if (!inside) return bad('empty "[]"');
      const quote = inside[0];
      if ((quote === '"' || quote === "'") && inside.length >= 2 && inside.endsWith(quote)) {
        const key = unquote(inside.slice(1, -1));
        if (!key) return bad('empty key');
        path.push(key);
      } else if (/^\d+$/.test(inside)) {
        path.push(Number(inside));
      } else {
        path.push(inside);
      }
      i = close;
      const after = text[i + 1];
      if (after !== undefined && after !== '.' && after !== '[') return bad(`unexpected "${after}" after "]"`);
    } else {
      current += ch;
    }
  }
  flush();
  if (path.length === 0) return bad('no segments');
  return { ok: true, path };
}

function findClose(text: string, open: number): number {
  let quote: string | undefined;
  for (let i = open + 1; i < text.length; i++) {
    const ch = text[i];
    if (quote) {
      if (ch === '\\') i += 1;
      else if (ch === quote) quote = undefined;
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === ']') return i;
  }
  return -1;
}

const unquote = (body: string) => body.replace(/\\(.)/g, '$1');

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** The display form used in issues: `models.providers["amazon-bedrock"].models[0].id`. */
export function formatConfigPath(path: readonly PathSegment[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (IDENTIFIER.test(segment)) out += out ? `.${segment}` : segment;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}

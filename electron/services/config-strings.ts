// Every string literal of a JSON5 text with its exact span and, for values, its key path. A
// tolerant scan rather than the lossless parser of config-edit: that parser refuses broken text,
// but a file that does not parse is still shown in the editor (so its secrets must be masked) and
// is saved once fixed (so they must be restored). Comments are skipped; structure is followed with
// a stack of containers, giving the same path as JSON5 whenever the text parses. Never throws.
import JSON5 from 'json5';
import type { PathSegment } from './config-path';

export interface StringLiteral {
  role: 'key' | 'value';
  /** Key path of a value (`['models', 'providers', 'openai', 'apiKey']`); of a key, its object's. */
  path: PathSegment[];
  /** Index of the opening quote. */
  start: number;
  /** Index after the closing quote (at the line end for an unterminated literal). */
  end: number;
  quote: '"' | "'";
  /** The decoded content. */
  value: string;
  terminated: boolean;
}

type Token = { kind: 'punct'; ch: string } | { kind: 'word'; text: string } | { kind: 'string'; start: number; end: number; quote: '"' | "'"; terminated: boolean };

const PUNCT = '{}[]:,';

/** Comments skipped; a string stops at its unescaped quote, or at the end of its line when unterminated. */
function* tokens(text: string): Generator<Token> {
  const n = text.length;
  let i = 0;
  while (i < n) {
    const ch = text[i] as string;
    if (/\s/.test(ch) || ch === '\uFEFF') i++;
    else if (ch === '/' && text[i + 1] === '/') {
      while (i < n && text[i] !== '\n' && text[i] !== '\r') i++;
    } else if (ch === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      i = close < 0 ? n : close + 2;
    } else if (ch === '"' || ch === "'") {
      let j = i + 1;
      let terminated = false;
      while (j < n) {
        const c = text[j];
        if (c === '\\') j += text[j + 1] === '\r' && text[j + 2] === '\n' ? 3 : 2;
        else if (c === ch) {
          terminated = true;
          j++;
          break;
        } else if (c === '\n' || c === '\r') break;
        else j++;
      }
      yield { kind: 'string', start: i, end: Math.min(j, n), quote: ch, terminated };
      i = Math.min(j, n);
    } else if (PUNCT.includes(ch)) {
      yield { kind: 'punct', ch };
      i++;
    } else {
      const start = i;
      while (i < n && !/\s/.test(text[i] as string) && !PUNCT.includes(text[i] as string) && text[i] !== '"' && text[i] !== "'" && !(text[i] === '/' && (text[i + 1] === '/' || text[i + 1] === '*'))) i++;
      if (i === start) i++;
      yield { kind: 'word', text: text.slice(start, i) };
    }
  }
}

function decodeString(raw: string, terminated: boolean): string {
  if (terminated) {
    try {
      const value: unknown = JSON5.parse(raw);
      if (typeof value === 'string') return value;
    } catch {
      // An invalid escape: fall back to the text between the quotes.
    }
  }
  return raw.slice(1, terminated ? -1 : undefined);
}

/** A bare key as JSON5 reads it (`\u0061piKey` is `apiKey`). */
function decodeIdentifier(word: string): string {
  if (!word.includes('\\')) return word;
  try {
    return Object.keys(JSON5.parse(`{${word}:0}`) as object)[0] ?? word;
  } catch {
    return word;
  }
}

type Frame = { kind: 'object'; key: string; state: 'key' | 'colon' | 'value' | 'after' } | { kind: 'array'; index: number; state: 'value' | 'after' };

export function scanStrings(text: string): StringLiteral[] {
  const out: StringLiteral[] = [];
  const stack: Frame[] = [];
  const pathHere = (): PathSegment[] => stack.map((f) => (f.kind === 'object' ? f.key : f.index));

  // A value (or a key, in an object waiting for one) at the top of the stack; tolerant of missing commas and colons.
  const scalar = (literal?: Omit<StringLiteral, 'role' | 'path'>, word?: string) => {
    const top = stack[stack.length - 1];
    if (!top) {
      if (literal) out.push({ ...literal, role: 'value', path: [] });
      return;
    }
    if (top.kind === 'object' && (top.state === 'key' || top.state === 'after')) {
      top.key = literal ? literal.value : decodeIdentifier(word ?? '');
      top.state = 'colon';
      if (literal) out.push({ ...literal, role: 'key', path: pathHere().slice(0, -1) });
      return;
    }
    if (top.kind === 'array' && top.state === 'after') top.index++;
    if (literal) out.push({ ...literal, role: 'value', path: pathHere() });
    top.state = 'after';
  };

  for (const token of tokens(text)) {
    if (token.kind === 'string') {
      const raw = text.slice(token.start, token.end);
      scalar({ start: token.start, end: token.end, quote: token.quote, terminated: token.terminated, value: decodeString(raw, token.terminated) });
      continue;
    }
    if (token.kind === 'word') {
      scalar(undefined, token.text);
      continue;
    }
    const top = stack[stack.length - 1];
    switch (token.ch) {
      case '{':
      case '[':
        if (top?.kind === 'array' && top.state === 'after') top.index++;
        if (top) top.state = 'after';
        stack.push(token.ch === '{' ? { kind: 'object', key: '', state: 'key' } : { kind: 'array', index: 0, state: 'value' });
        break;
      case '}':
      case ']': {
        const kind = token.ch === '}' ? 'object' : 'array';
        const at = stack.map((f) => f.kind).lastIndexOf(kind);
        if (at >= 0) stack.length = at;
        break;
      }
      case ':':
        if (top?.kind === 'object' && top.state === 'colon') top.state = 'value';
        break;
      case ',':
        if (top?.kind === 'object') top.state = 'key';
        else if (top?.kind === 'array') {
          top.index++;
          top.state = 'value';
        }
        break;
    }
  }
  return out;
}

/** 1-based line and column of an index (as JSON5 and the editor count them). */
export function lineColumn(text: string, index: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < index; i++) {
    if (text[i] === '\n') {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: index - lineStart + 1 };
}

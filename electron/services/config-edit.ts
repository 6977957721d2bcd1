// Format-preserving edits of a Moltbot config (JSON5) with @croct/json5-parser, a lossless
// concrete-syntax-tree parser: only the edited field's text changes; comments, key order,
// quoting, trailing commas, indentation and every key we do not manage stay as they were.
// Every edit is checked afterwards against a plain JSON5 parse (what Moltbot itself reads):
// if anything but the target changed, the edit is refused rather than written.
import { isDeepStrictEqual } from 'node:util';
import { JsonArrayNode, JsonLexer, JsonObjectNode, JsonParser, JsonPropertyNode, JsonTokenType, JsonValueNode, type Formatting, type JsonNode } from '@croct/json5-parser';
import JSON5 from 'json5';
import { appError, type AppError } from '../../shared/errors';
import { formatConfigPath, type PathSegment } from './config-path';

export type EditResult = { ok: true; text: string; changed: boolean } | { ok: false; error: AppError };

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** The style of a file we create (or of `{}`): Moltbot's docs write JSON5 like this. */
const NEW_FILE_FORMAT: Formatting = {
  indentationCharacter: 'space',
  lineEnding: 'lf',
  string: { quote: 'double' },
  property: { unquoted: true },
  object: { indentationSize: 2, entryIndentation: true, leadingIndentation: true, trailingIndentation: true, trailingComma: true, commaSpacing: true, colonSpacing: true },
  array: { indentationSize: 2, entryIndentation: true, leadingIndentation: true, trailingIndentation: true, trailingComma: true, commaSpacing: true, colonSpacing: true },
};

const isRecord = (value: unknown): value is Record<string, unknown> => !!value && typeof value === 'object' && !Array.isArray(value);

/** Checks that `value` is plain JSON data (what a config can hold); answers why not. */
export function jsonProblem(value: unknown, where = 'value', depth = 0): string | undefined {
  if (depth > 64) return `${where} is nested too deeply`;
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return undefined;
  if (typeof value === 'number') return Number.isFinite(value) ? undefined : `${where} is not a finite number`;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const problem = jsonProblem(value[i], `${where}[${i}]`, depth + 1);
      if (problem) return problem;
    }
    return undefined;
  }
  if (isRecord(value) && (Object.getPrototypeOf(value) === Object.prototype || Object.getPrototypeOf(value) === null)) {
    for (const [key, item] of Object.entries(value)) {
      const problem = jsonProblem(item, `${where}.${key}`, depth + 1);
      if (problem) return problem;
    }
    return undefined;
  }
  return `${where} is not JSON data (${typeof value})`;
}

export type ParsedDocument =
  | { ok: true; root: JsonObjectNode; value: Record<string, unknown>; blank: boolean }
  | { ok: false; message: string; line: number; column: number };

interface Json5SyntaxError extends SyntaxError {
  lineNumber?: number;
  columnNumber?: number;
}

/**
 * Parses with both parsers: json5 (Moltbot's, the reference for what the text means) and the
 * lossless one (for positions and edits). A blank text is an empty config.
 */
export function parseDocument(text: string): ParsedDocument {
  const blank = text.trim() === '';
  let value: unknown;
  try {
    value = blank ? {} : JSON5.parse(text);
  } catch (error) {
    const syntax = error as Json5SyntaxError;
    const message = String(syntax.message ?? error).replace(/^JSON5:\s*/, '').replace(/ at \d+:\d+$/, '');
    return { ok: false, message, line: syntax.lineNumber ?? 1, column: syntax.columnNumber ?? 1 };
  }
  if (!isRecord(value)) return { ok: false, message: 'The config must be an object ({ … }) at the top level.', line: 1, column: 1 };
  let root: JsonValueNode;
  try {
    root = JsonParser.parse(blank ? '{}' : text);
  } catch (error) {
    const location = (error as { location?: { start?: { line?: number; column?: number } } }).location?.start;
    return { ok: false, message: (error as Error).message, line: location?.line ?? 1, column: location?.column ?? 1 };
  }
  if (!(root instanceof JsonObjectNode)) return { ok: false, message: 'The config must be an object ({ … }) at the top level.', line: 1, column: 1 };
  return { ok: true, root, value, blank };
}

const editError = (message: string, hint?: string) => ({ ok: false as const, error: appError('ConfigEditInvalid', message, hint) });

/** The value to put where the path is still missing: `{ a: { b: [value] } }` for `a.b[0]`. */
function nest(rest: readonly PathSegment[], value: Json): { value: Json } | { problem: string } {
  let built: Json = value;
  for (let i = rest.length - 1; i >= 0; i--) {
    const segment = rest[i] as PathSegment;
    if (typeof segment === 'number') {
      if (segment !== 0) return { problem: `index ${segment} does not exist (the list would be created empty)` };
      built = [built];
    } else built = { [segment]: built };
  }
  return { value: built };
}

/** Applies set (or, with `value` undefined, remove) to a plain copy: what the file must mean afterwards. */
function applyPlain(root: Record<string, unknown>, path: readonly PathSegment[], value: Json | undefined): Record<string, unknown> {
  const copy = structuredClone(root);
  let node: unknown = copy;
  for (let i = 0; i < path.length - 1; i++) {
    const segment = path[i] as PathSegment;
    const container = node as Record<string | number, unknown>;
    const existing = container[segment];
    if (existing === undefined || existing === null || typeof existing !== 'object') {
      if (value === undefined) return copy;
      container[segment] = typeof path[i + 1] === 'number' ? [] : {};
    }
    node = container[segment];
  }
  const last = path[path.length - 1] as PathSegment;
  if (Array.isArray(node) && typeof last === 'number') {
    if (value === undefined) {
      if (last < node.length) node.splice(last, 1);
    } else node[last] = value;
  } else if (isRecord(node)) {
    if (value === undefined) delete node[last];
    else node[last] = value;
  }
  return copy;
}

const kind = (node: JsonValueNode) => (node instanceof JsonObjectNode ? 'an object' : node instanceof JsonArrayNode ? 'a list' : 'a value');

/**
 * Sets `path` to `value` in the config text, or removes it when `value` is undefined; missing
 * parents are created in the file's style. Never throws; refuses text that does not parse.
 */
export function editConfigText(text: string, path: readonly PathSegment[], value: unknown): EditResult {
  try {
    return edit(text, path, value);
  } catch (error) {
    return { ok: false, error: appError('ConfigEditFailed', `The edit could not be applied: ${(error as Error).message}`, 'Edit the raw JSON5 instead; the file was not changed.') };
  }
}

function edit(text: string, path: readonly PathSegment[], value: unknown): EditResult {
  const where = formatConfigPath(path);
  if (path.length === 0) return editError('The path is empty.');
  if (value !== undefined) {
    const problem = jsonProblem(value);
    if (problem) return editError(`Cannot set ${where}: ${problem}.`);
  }
  const doc = parseDocument(text);
  if (!doc.ok) {
    return { ok: false, error: appError('ConfigUnparsable', `The config does not parse (line ${doc.line}, column ${doc.column}): ${doc.message}`, 'Fix the raw JSON5 first; nothing was changed.') };
  }
  const json = value as Json | undefined;
  // The safety net: the new text must parse and mean exactly the old config plus this edit.
  const expected = applyPlain(doc.value, path, json);
  const means = (candidate: string): 'same' | 'different' | string => {
    try {
      return isDeepStrictEqual(JSON5.parse(candidate), expected) ? 'same' : 'different';
    } catch (error) {
      return (error as Error).message;
    }
  };

  // Fast path for a field that exists: cut or replace its text in place, the smallest diff.
  const target = doc.blank ? undefined : locate(doc.root, path);
  if (target) {
    const spliced = json === undefined ? deleteInPlace(text, target) : replaceInPlace(text, target, json);
    if (spliced !== undefined && means(spliced) === 'same') return { ok: true, text: spliced, changed: spliced !== text };
  }

  const inserted = doc.blank || json === undefined ? undefined : insertInPlace(text, doc.root, path, json);
  if (inserted !== undefined && means(inserted) === 'same') return { ok: true, text: inserted, changed: true };

  // Otherwise let the parser insert, learning the style of the surrounding block.
  let node: JsonValueNode = doc.root;
  let changed = true;
  for (let i = 0; i < path.length; i++) {
    const segment = path[i] as PathSegment;
    const isLast = i === path.length - 1;
    const here = formatConfigPath(path.slice(0, i)) || 'the top level';
    // Each kind of node checks its own key, then binds the slot the shared steps below work on.
    let slot: { get(): JsonValueNode; set(value: Json | JsonValueNode): void; delete(): void };
    if (node instanceof JsonObjectNode) {
      if (typeof segment !== 'string') return editError(`Cannot use index [${segment}] on ${here}: it is an object.`);
      if (!node.has(segment)) {
        if (json === undefined) {
          changed = false;
          break;
        }
        const built = nest(path.slice(i + 1), json);
        if ('problem' in built) return editError(`Cannot set ${where}: ${built.problem}.`);
        node.set(segment, built.value);
        break;
      }
      const object = node;
      slot = { get: () => object.get(segment), set: (value) => object.set(segment, value), delete: () => object.delete(segment) };
    } else if (node instanceof JsonArrayNode) {
      if (typeof segment !== 'number') return editError(`Cannot use key "${segment}" on ${here}: it is a list; use an index like [0].`);
      const length = node.elements.length;
      if (segment > length || (segment === length && json === undefined)) {
        if (json === undefined) {
          changed = false;
          break;
        }
        return editError(`Cannot set ${where}: ${here} has ${length} item(s); the next one is [${length}].`);
      }
      if (segment === length) {
        const built = nest(path.slice(i + 1), json as Json);
        if ('problem' in built) return editError(`Cannot set ${where}: ${built.problem}.`);
        node.push(built.value);
        break;
      }
      const list = node;
      slot = { get: () => list.get(segment), set: (value) => list.set(segment, value), delete: () => list.delete(segment) };
    } else {
      return editError(`Cannot edit ${where}: ${here} is ${kind(node)}, not an object or list.`);
    }

    // The key exists: set or remove it at the end of the path, else go down into it.
    if (isLast) {
      if (json === undefined) slot.delete();
      else slot.set(json);
      break;
    }
    const child = slot.get();
    if (child instanceof JsonObjectNode || child instanceof JsonArrayNode) {
      node = child;
      continue;
    }
    // A scalar (often null) where a parent belongs: replace it, as Moltbot's `config set` does.
    if (json === undefined) {
      changed = false;
      break;
    }
    const built = nest(path.slice(i + 1), json);
    if ('problem' in built) return editError(`Cannot set ${where}: ${built.problem}.`);
    slot.set(built.value);
    break;
  }
  if (!changed) return { ok: true, text, changed: false };

  // A new or empty file (`{}`) has no style to learn: give it Moltbot's usual one.
  const fresh = isEmptyObjectText(text);
  const next = doc.root.toString(fresh ? NEW_FILE_FORMAT : undefined);
  const out = fresh ? next.trimEnd() + '\n' : next;

  const verdict = means(out);
  if (verdict === 'different') {
    return { ok: false, error: appError('ConfigEditFailed', `Editing ${where} would have changed more than that field (duplicate keys?); nothing was changed.`, 'Edit the raw JSON5 instead.') };
  }
  if (verdict !== 'same') {
    return { ok: false, error: appError('ConfigEditFailed', `Editing ${where} would have produced text that does not parse (${verdict}); nothing was changed.`, 'Edit the raw JSON5 instead.') };
  }
  return { ok: true, text: out, changed: out !== text };
}

const isEmptyObjectText = (text: string) => /^\s*(\{\s*\})?\s*$/.test(text);

interface Target {
  container: JsonObjectNode | JsonArrayNode;
  /** The property (key: value) or the list element. */
  item: JsonNode;
  value: JsonValueNode;
  count: number;
}

const keyOf = (property: JsonPropertyNode) => String(property.key.toJSON());

/** Finds an existing field in the parsed (unmodified) tree, with its original positions. */
function locate(root: JsonObjectNode, path: readonly PathSegment[]): Target | undefined {
  let node: JsonValueNode = root;
  let target: Target | undefined;
  for (const segment of path) {
    if (node instanceof JsonObjectNode && typeof segment === 'string') {
      const properties = node.properties;
      // JSON5 keeps the last of duplicate keys.
      const property = properties.filter((p) => keyOf(p) === segment).pop();
      if (!property) return undefined;
      target = { container: node, item: property, value: property.value, count: properties.length };
    } else if (node instanceof JsonArrayNode && typeof segment === 'number') {
      const element = node.elements[segment];
      if (!element) return undefined;
      target = { container: node, item: element, value: element, count: node.elements.length };
    } else return undefined;
    node = target.value;
  }
  return target && target.item.location.start.index >= 0 ? target : undefined;
}

const isBlank = (s: string) => /^[ \t]*$/.test(s);

function deleteInPlace(text: string, target: Target): string | undefined {
  const { container } = target;
  let start = target.item.location.start.index;
  let end = target.item.location.end.index;
  if (target.count === 1 && !text.slice(container.location.start.index, container.location.end.index).includes('\n')) {
    // The only entry of a one-line block: `{ a: 1 }` becomes `{}`.
    const empty = container instanceof JsonObjectNode ? '{}' : '[]';
    return text.slice(0, container.location.start.index) + empty + text.slice(container.location.end.index);
  }
  let after = end;
  while (text[after] === ' ' || text[after] === '\t') after++;
  let cutBefore: [number, number] | undefined;
  if (text[after] === ',') {
    end = after + 1;
    while (text[end] === ' ' || text[end] === '\t') end++;
  } else {
    // The last entry without a trailing comma: drop the comma before it (JSON stays valid).
    let before = start - 1;
    while (before >= 0 && /\s/.test(text[before] as string)) before--;
    if (text[before] === ',') cutBefore = text.slice(before, start).includes('\n') ? [before, before + 1] : [before, start];
  }
  // Whole lines go when the entry had them to itself (with its own trailing `// comment`).
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  let lineEnd = text.indexOf('\n', end);
  if (lineEnd < 0) lineEnd = text.length;
  const rest = text.slice(end, lineEnd);
  if (isBlank(text.slice(lineStart, start)) && (isBlank(rest.replace(/\r$/, '')) || /^[ \t]*\/\/.*$/.test(rest))) {
    start = lineStart;
    end = Math.min(lineEnd + 1, text.length);
  }
  let out = text.slice(0, start) + text.slice(end);
  if (cutBefore) out = out.slice(0, cutBefore[0]) + out.slice(cutBefore[1]);
  return out;
}

function replaceInPlace(text: string, target: Target, value: Json): string | undefined {
  const start = target.value.location.start.index;
  const end = target.value.location.end.index;
  const old = text.slice(start, end);
  const structured = value !== null && typeof value === 'object';
  // A multi-line block is re-laid out by the parser, which knows its indentation.
  if (old.includes('\n') && structured) return undefined;
  const style = inlineStyle(text, old);
  return text.slice(0, start) + renderInline(value, style) + text.slice(end);
}

interface InlineStyle {
  quote: "'" | '"';
  keyQuote: "'" | '"';
  unquotedKeys: boolean;
  pad: boolean;
}

function inlineStyle(text: string, old: string): InlineStyle {
  let single = 0;
  let double = 0;
  let identifiers = 0;
  let keySingle = 0;
  let keyDouble = 0;
  try {
    const tokens = JsonLexer.tokenize(text).filter((t) => t.type !== JsonTokenType.WHITESPACE && t.type !== JsonTokenType.NEWLINE && t.type !== JsonTokenType.LINE_COMMENT && t.type !== JsonTokenType.BLOCK_COMMENT);
    tokens.forEach((token, index) => {
      const isKey = tokens[index + 1]?.type === JsonTokenType.COLON;
      if (token.type === JsonTokenType.IDENTIFIER && isKey) identifiers++;
      if (token.type === JsonTokenType.STRING) {
        const q = token.value.startsWith("'");
        if (isKey && q) keySingle++;
        else if (isKey) keyDouble++;
        else if (q) single++;
        else double++;
      }
    });
  } catch {
    // Style detection is best effort.
  }
  const oldQuote = old.startsWith("'") ? "'" : old.startsWith('"') ? '"' : undefined;
  return {
    quote: oldQuote ?? (single > double ? "'" : '"'),
    keyQuote: keySingle > keyDouble ? "'" : '"',
    unquotedKeys: identifiers > 0 && identifiers >= keySingle + keyDouble,
    pad: /^[{[] /.test(old) || (!/^[{[]\S/.test(old) && (/\{ [^\n{}]*\S \}/.test(text) || /\[ [^\n[\]]*\S \]/.test(text))),
  };
}

function quoteString(value: string, quote: "'" | '"'): string {
  let out = quote;
  for (const ch of value) {
    if (ch === '\\') out += '\\\\';
    else if (ch === quote) out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch < ' ' || ch === '\u2028' || ch === '\u2029') out += `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return out + quote;
}

const IDENTIFIER_KEY = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

function renderInline(value: Json, style: InlineStyle): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return quoteString(value, style.quote);
  if (typeof value === 'number' || typeof value === 'boolean') return JSON.stringify(value);
  const pad = style.pad ? ' ' : '';
  if (Array.isArray(value)) {
    return value.length === 0 ? '[]' : `[${pad}${value.map((item) => renderInline(item, style)).join(', ')}${pad}]`;
  }
  const entries = Object.entries(value);
  if (entries.length === 0) return '{}';
  const key = (k: string) => (style.unquotedKeys && IDENTIFIER_KEY.test(k) ? k : quoteString(k, style.keyQuote));
  return `{${pad}${entries.map(([k, v]) => `${key(k)}: ${renderInline(v, style)}`).join(', ')}${pad}}`;
}

/**
 * Adds a missing field after the last entry of the deepest existing block, in that block's
 * layout: `, key: value` inside a one-line block, a new indented line in a multi-line one.
 * Answers undefined when the layout is unusual; the parser then does the insertion.
 */
function insertInPlace(text: string, root: JsonObjectNode, path: readonly PathSegment[], value: Json): string | undefined {
  // The deepest existing container on the path, and what is missing below it.
  let node: JsonValueNode = root;
  let depth = 0;
  for (; depth < path.length; depth++) {
    const segment = path[depth] as PathSegment;
    let child: JsonValueNode | undefined;
    if (node instanceof JsonObjectNode && typeof segment === 'string') child = node.properties.filter((p) => keyOf(p) === segment).pop()?.value;
    else if (node instanceof JsonArrayNode && typeof segment === 'number') child = node.elements[segment];
    else return undefined;
    if (!child) break;
    node = child;
  }
  if (depth === path.length || !(node instanceof JsonObjectNode || node instanceof JsonArrayNode)) return undefined;
  const segment = path[depth] as PathSegment;
  if (node instanceof JsonArrayNode && segment !== node.elements.length) return undefined;
  const built = nest(path.slice(depth + 1), value);
  if ('problem' in built) return undefined;
  const items: JsonNode[] = node instanceof JsonObjectNode ? node.properties : [...node.elements];
  const last = items[items.length - 1];
  if (!last || last.location.start.index < 0 || node.location.start.index < 0) return undefined;
  const blockText = text.slice(node.location.start.index, node.location.end.index);
  const style = inlineStyle(text, blockText);
  const key = (k: string) => (style.unquotedKeys && IDENTIFIER_KEY.test(k) ? k : quoteString(k, style.keyQuote));
  const entry = (rendered: string) => (typeof segment === 'string' ? `${key(segment)}: ${rendered}` : rendered);

  let afterLast = last.location.end.index;
  let probe = afterLast;
  while (text[probe] === ' ' || text[probe] === '\t') probe++;
  const trailingComma = text[probe] === ',';
  if (trailingComma) afterLast = probe + 1;

  if (!blockText.includes('\n')) {
    const addition = `${trailingComma ? ' ' : ', '}${entry(renderInline(built.value, style))}${trailingComma ? ',' : ''}`;
    return text.slice(0, afterLast) + addition + text.slice(afterLast);
  }
  // Multi-line: the last entry must start its own line, to copy its indentation.
  const lineStart = text.lastIndexOf('\n', last.location.start.index - 1) + 1;
  const indent = text.slice(lineStart, last.location.start.index);
  if (!isBlank(indent)) return undefined;
  const blockLineStart = text.lastIndexOf('\n', node.location.start.index - 1) + 1;
  const outer = /^[ \t]*/.exec(text.slice(blockLineStart))?.[0] ?? '';
  const unit = indent.startsWith(outer) && indent.length > outer.length ? indent.slice(outer.length) : '  ';
  const newline = text.includes('\r\n') ? '\r\n' : '\n';
  let lineEnd = text.indexOf('\n', afterLast);
  if (lineEnd < 0) lineEnd = text.length;
  if (text[lineEnd - 1] === '\r') lineEnd--;
  // Keep a `// comment` that ends the last entry's line on that line.
  const insertAt = /^[ \t]*(\/\/.*|\/\*.*\*\/[ \t]*)?$/.test(text.slice(afterLast, lineEnd)) ? lineEnd : afterLast;
  const block = renderBlock(built.value, style, indent, unit, newline, trailingComma);
  const addition = `${newline}${indent}${entry(block)}${trailingComma ? ',' : ''}`;
  const withComma = trailingComma ? text : text.slice(0, afterLast) + ',' + text.slice(afterLast);
  const at = trailingComma ? insertAt : insertAt + 1;
  return withComma.slice(0, at) + addition + withComma.slice(at);
}

/** A value laid out over lines like the block it goes into; lists of scalars stay on one line. */
function renderBlock(value: Json, style: InlineStyle, indent: string, unit: string, newline: string, trailingComma: boolean): string {
  if (value === null || typeof value !== 'object') return renderInline(value, style);
  const inner = indent + unit;
  const comma = trailingComma ? ',' : '';
  if (Array.isArray(value)) {
    if (value.every((item) => item === null || typeof item !== 'object')) return renderInline(value, { ...style, pad: false });
    return `[${value.map((item) => `${newline}${inner}${renderBlock(item, style, inner, unit, newline, trailingComma)}`).join(',')}${comma}${newline}${indent}]`;
  }
  const entries = Object.entries(value);
  if (entries.length === 0) return '{}';
  const key = (k: string) => (style.unquotedKeys && IDENTIFIER_KEY.test(k) ? k : quoteString(k, style.keyQuote));
  return `{${entries.map(([k, v]) => `${newline}${inner}${key(k)}: ${renderBlock(v, style, inner, unit, newline, trailingComma)}`).join(',')}${comma}${newline}${indent}}`;
}

// Secrets of the Moltbot config (other providers' API keys, bot tokens, gateway passwords…) never
// reach the renderer: every config text main sends it has them replaced by a mask, and every text
// coming back has its masks restored from the file the editor loaded, before validation and save.
//
// The mask is `••••••••3f9a2c (hidden)`. Only the string literal's content changes (quotes, commas,
// comments and every other byte stay). The 6 hex digits are an HMAC of the value under a key made
// fresh in each process: stable per value (a secret changed on disk shows a changed mask), and not
// a hash of the secret that guesses could be tested against.
//
// A mask is restored only at the key path it was shown at (array items may move), so a mask cannot
// be moved under a key that is not masked and read back from there. Any other hidden text (an
// edited mask, one moved elsewhere, one whose secret is gone from disk) is an error at its line,
// never saved.
import { createHmac, randomBytes } from 'node:crypto';
import JSON5 from 'json5';
import type { ConfigIssue } from '../../shared/types';
import { editConfigText } from './config-edit';
import { formatConfigPath, type PathSegment } from './config-path';
import { lineColumn, scanStrings, type StringLiteral } from './config-strings';

const TAG_KEY = randomBytes(32);
const MASK = /••••••••[0-9a-f]{6} \(hidden\)/g;
const HAS_MASK = new RegExp(MASK.source);
const WHOLE_MASK = /^••••••••[0-9a-f]{6} \(hidden\)$/;

/** Compared without case, `_` or `-`: `apiKey`, `OPENAI_API_KEY`, `botToken`, `x-api-key`, `clientSecret`… */
const SECRET_KEY_ENDINGS = ['token', 'secret', 'password', 'passwd', 'passphrase', 'apikey', 'privatekey', 'secretkey', 'accesskey', 'accesskeyid', 'authorization', 'cookie'];
/** Moltbot substitutes `${VAR}` from the environment: a reference, not a secret, so it stays readable. */
const ENV_REFERENCE = /^\s*(?:\$\{[A-Za-z_][A-Za-z0-9_]*\}\s*)+$/;
/** Shorter secrets are not looked for outside their own fields (they would hide ordinary words). */
const MIN_REPEATED = 8;

export function maskOf(secret: string): string {
  return `••••••••${createHmac('sha256', TAG_KEY).update(secret, 'utf8').digest('hex').slice(0, 6)} (hidden)`;
}

/** A mask, whole or edited (bullets cut, tag changed, suffix removed): never saved as a value. Plain bullets are not. */
export function looksHidden(value: string): boolean {
  return /•{3,}[0-9a-f]{2,6}/.test(value) || /•.*\(hidden\)|[0-9a-f]{6} \(hidden\)/.test(value);
}

export function isSecretKey(key: string): boolean {
  const name = key.toLowerCase().replace(/[^a-z0-9]/g, '');
  return SECRET_KEY_ENDINGS.some((ending) => name.endsWith(ending));
}

/** `apiKey: "…"`, or an item of `apiKeys: ["…"]`. */
function underSecretKey(path: readonly PathSegment[]): boolean {
  const last = path[path.length - 1];
  if (typeof last === 'string') return isSecretKey(last);
  const field = path[path.length - 2];
  return typeof field === 'string' && (isSecretKey(field) || isSecretKey(field.replace(/s$/i, '')));
}

const isSecretValue = (value: string) => value.trim() !== '' && !ENV_REFERENCE.test(value);

export interface Secret {
  path: PathSegment[];
  value: string;
  mask: string;
  start: number;
  end: number;
  /** The literal as written, quotes included. */
  raw: string;
  quote: '"' | "'";
  terminated: boolean;
}

/** Secret values: non-empty strings under a secret key (env references excepted), and any other value equal to one. */
export function findSecrets(text: string): Secret[] {
  const values = scanStrings(text).filter((s) => s.role === 'value' && isSecretValue(s.value));
  const keyed = new Set(values.filter((s) => underSecretKey(s.path)).map((s) => s.value));
  return values
    .filter((s) => keyed.has(s.value) && (underSecretKey(s.path) || s.value.length >= MIN_REPEATED))
    .map((s) => ({ path: s.path, value: s.value, mask: maskOf(s.value), start: s.start, end: s.end, raw: text.slice(s.start, s.end), quote: s.quote, terminated: s.terminated }));
}

type Edit = { start: number; end: number; text: string };

function splice(text: string, edits: Edit[]): string {
  let out = '';
  let at = 0;
  for (const edit of [...edits].sort((a, b) => a.start - b.start)) {
    out += text.slice(at, edit.start) + edit.text;
    at = edit.end;
  }
  return out + text.slice(at);
}

const quoted = (value: string, quote: '"' | "'") => JSON5.stringify(value, { quote });

function replaceAll(text: string, pairs: ReadonlyMap<string, string>): string {
  let out = text;
  for (const [from, to] of [...pairs].sort((a, b) => b[0].length - a[0].length)) if (from) out = out.split(from).join(to);
  return out;
}

/** The stretches between string literals: comments, structure, and whatever a broken file holds. */
function gaps(text: string, literals: readonly StringLiteral[]): Array<{ start: number; end: number }> {
  const out: Array<{ start: number; end: number }> = [];
  let at = 0;
  for (const literal of literals) {
    if (literal.start > at) out.push({ start: at, end: literal.start });
    at = literal.end;
  }
  if (at < text.length) out.push({ start: at, end: text.length });
  return out;
}

/**
 * The text the renderer may see: each secret literal holds its mask between the same quotes, and a
 * secret repeated elsewhere (a comment, inside a longer string) is masked there too.
 */
export function maskConfigText(text: string): string {
  const secrets = findSecrets(text);
  if (secrets.length === 0) return text;
  const starts = new Set(secrets.map((s) => s.start));
  const repeated = new Map(secrets.filter((s) => s.value.length >= MIN_REPEATED).map((s) => [s.value, s.mask]));
  const literals = scanStrings(text);
  const edits: Edit[] = [];
  for (const literal of literals) {
    const { start, end, quote, terminated, value } = literal;
    if (starts.has(start)) {
      edits.push({ start, end, text: `${quote}${maskOf(value)}${terminated ? quote : ''}` });
      continue;
    }
    const replaced = replaceAll(value, repeated);
    if (replaced !== value) edits.push({ start, end, text: terminated ? quoted(replaced, quote) : `${quote}${replaced}` });
  }
  for (const gap of gaps(text, literals)) {
    const between = text.slice(gap.start, gap.end);
    const replaced = replaceAll(between, repeated);
    if (replaced !== between) edits.push({ ...gap, text: replaced });
  }
  return ensureMasked(text, splice(text, edits));
}

/**
 * Defence in depth: when the text parses, no secret JSON5 reads in it may read the same in the
 * masked text. Should the scan ever disagree with JSON5, that value is masked through the editor.
 */
function ensureMasked(original: string, masked: string): string {
  let before: unknown;
  let after: unknown;
  try {
    before = JSON5.parse(original);
    after = JSON5.parse(masked);
  } catch {
    return masked;
  }
  let out = masked;
  const walk = (node: unknown, shown: unknown, path: PathSegment[]) => {
    if (typeof node === 'string') {
      if (node !== shown || !underSecretKey(path) || !isSecretValue(node)) return;
      const edited = editConfigText(out, path, maskOf(node));
      out = edited.ok ? edited.text : replaceAll(out, new Map([[node, maskOf(node)]]));
    } else if (Array.isArray(node)) node.forEach((item, i) => walk(item, Array.isArray(shown) ? shown[i] : undefined, [...path, i]));
    else if (node && typeof node === 'object') {
      const other = shown && typeof shown === 'object' ? (shown as Record<string, unknown>) : {};
      for (const [key, item] of Object.entries(node)) walk(item, other[key], [...path, key]);
    }
  };
  walk(before, after, []);
  return out;
}

const samePath = (a: readonly PathSegment[], b: readonly PathSegment[], anyIndex: boolean) =>
  a.length === b.length && a.every((segment, i) => segment === b[i] || (anyIndex && typeof segment === 'number' && typeof b[i] === 'number'));

export interface Restored {
  text: string;
  /** Hidden text that cannot be restored, each at its line: the text must not be saved. */
  issues: ConfigIssue[];
}

/**
 * Puts back the secrets behind the masks in a text from the renderer, from `known` (the secrets of
 * the text it was loaded from). A value the user typed is kept as typed.
 */
export function restoreConfigText(text: string, known: readonly Secret[]): Restored {
  const literals = scanStrings(text);
  const restored = new Map<string, string>();
  const edits: Edit[] = [];
  const issues: ConfigIssue[] = [];
  const report = (index: number, path: readonly PathSegment[], message: string) => issues.push({ path: formatConfigPath(path), message, severity: 'error', ...lineColumn(text, index) });
  const rest: StringLiteral[] = [];

  // Whole masks as values: the secret shown at that path.
  for (const literal of literals) {
    if (literal.role !== 'value' || !WHOLE_MASK.test(literal.value)) {
      rest.push(literal);
      continue;
    }
    const source = known.find((s) => s.mask === literal.value && samePath(s.path, literal.path, false)) ?? known.find((s) => s.mask === literal.value && samePath(s.path, literal.path, true));
    if (source) {
      const sameStyle = source.quote === literal.quote && source.terminated === literal.terminated;
      const text = sameStyle ? source.raw : literal.terminated ? quoted(source.value, literal.quote) : `${literal.quote}${source.value}`;
      edits.push({ start: literal.start, end: literal.end, text });
      restored.set(literal.value, source.value);
      continue;
    }
    const elsewhere = known.find((s) => s.mask === literal.value);
    report(
      literal.start,
      literal.path,
      elsewhere
        ? `holds the hidden value of ${formatConfigPath(elsewhere.path)}; a hidden value can only stay at its own field. Type the real value here.`
        : 'holds a hidden value whose secret is no longer in the file it was loaded from, so it cannot be kept. Type the real value.',
    );
  }
  // A mask anywhere else (inside a longer string, a key, a comment) only for a secret put back
  // above: that secret stays in the file at its own field, so it is masked there again next time.
  for (const literal of rest) {
    const value = literal.value.replace(MASK, (mask) => restored.get(mask) ?? mask);
    if (literal.role === 'value' ? looksHidden(value) : HAS_MASK.test(value)) {
      report(literal.start, literal.path, 'contains hidden text (••••…) that is not a whole hidden value of this field. Type the real value, or undo the edit.');
    } else if (value !== literal.value) edits.push({ start: literal.start, end: literal.end, text: literal.terminated ? quoted(value, literal.quote) : `${literal.quote}${value}` });
  }
  for (const gap of gaps(text, literals)) {
    const between = text.slice(gap.start, gap.end);
    const replaced = between.replace(MASK, (mask) => restored.get(mask) ?? mask);
    const left = HAS_MASK.exec(replaced);
    if (left) report(gap.start + between.indexOf(left[0]), [], 'has hidden text outside any value (a comment?) whose secret is not kept in this file. Remove it, or type the real text.');
    else if (replaced !== between) edits.push({ ...gap, text: replaced });
  }
  issues.sort((a, b) => a.line - b.line || a.column - b.column);
  return { text: splice(text, edits), issues };
}

/** `text` (an error message) with every secret of `secrets` replaced by its mask. */
export function hideSecrets(text: string, secrets: readonly Secret[]): string {
  return replaceAll(text, new Map(secrets.filter((s) => s.value.length >= 4).map((s) => [s.value, s.mask])));
}

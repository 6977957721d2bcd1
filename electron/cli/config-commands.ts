// `bedrock-desk config get|set|unset|validate|file` with Moltbot's semantics: dot/bracket paths,
// values parsed as JSON5 when possible (else a plain string), format-preserving writes that
// leave the file untouched on any error. No AWS access: these only read and write the file.
import JSON5 from 'json5';
import type { ConfigIssue } from '../../shared/types';
import { editConfigText } from '../services/config-edit';
import { parseConfigPath, type PathSegment } from '../services/config-path';
import { loadConfig, saveConfigFile } from '../services/config-store';
import { analyzeConfigText } from '../services/config-validate';
import type { CliIo } from './commands';
import { errorLines } from './format';

export type ConfigCommand =
  | { name: 'config-get'; path?: string }
  | { name: 'config-set'; path: string; value: string; strict: boolean }
  | { name: 'config-unset'; path: string }
  | { name: 'config-validate' }
  | { name: 'config-file' };

/** Moltbot: JSON5 when it parses (`true`, `3600`, `["a","b"]`, `'s'`), else the raw string. */
export function parseCliValue(raw: string, strict: boolean): { ok: true; value: unknown } | { ok: false; message: string } {
  try {
    return { ok: true, value: JSON5.parse(raw) };
  } catch (error) {
    if (strict) return { ok: false, message: `the value is not valid JSON5 (${(error as Error).message.replace(/^JSON5:\s*/, '')})` };
    return { ok: true, value: raw };
  }
}

const issueLine = (file: string, issue: ConfigIssue) =>
  `${file}:${issue.line}:${issue.column}${issue.path ? ` ${issue.path}` : ''}: ${issue.severity === 'warning' ? 'warning: ' : ''}${issue.message}\n`;

function readPath(root: unknown, path: readonly PathSegment[]): unknown {
  let node = root;
  for (const segment of path) {
    if (Array.isArray(node) && typeof segment === 'number') node = node[segment];
    else if (node && typeof node === 'object' && !Array.isArray(node) && typeof segment === 'string' && Object.hasOwn(node, segment)) node = (node as Record<string, unknown>)[segment];
    else return undefined;
  }
  return node;
}

export async function runConfigCommand(command: ConfigCommand, file: string, io: CliIo): Promise<number> {
  if (command.name === 'config-file') {
    io.stdout.write(`${file}\n`);
    return 0;
  }
  const { view, config } = await loadConfig(file);
  const fail = (code: string, message: string, hint?: string) => {
    io.stderr.write(errorLines({ code, message, ...(hint ? { hint } : {}), retryable: false }));
    return 1;
  };
  if (view.parseError) {
    const { message, line, column } = view.parseError;
    return fail('ConfigParseError', `${file}:${line}:${column}: the config does not parse: ${message}`, 'Fix the file by hand first; Bedrock Desk leaves it untouched.');
  }

  if (command.name === 'config-validate') {
    for (const issue of view.issues) io.stdout.write(issueLine(file, issue));
    const errors = view.issues.filter((i) => i.severity === 'error').length;
    if (errors > 0) {
      io.stderr.write(`${errors} error(s) in ${file}\n`);
      return 1;
    }
    io.stdout.write(`${file}: valid${view.exists ? '' : ' (the file does not exist yet)'}\n`);
    return 0;
  }

  if (command.name === 'config-get') {
    if (!command.path) {
      io.stdout.write(JSON.stringify(config, null, 2) + '\n');
      return 0;
    }
    const parsed = parseConfigPath(command.path);
    if (!parsed.ok) return fail('InvalidPath', parsed.message);
    const value = readPath(config, parsed.path);
    if (value === undefined) return fail('NotSet', `${command.path} is not set in ${file}`);
    io.stdout.write((typeof value === 'string' ? value : JSON.stringify(value, null, 2)) + '\n');
    return 0;
  }

  const parsed = parseConfigPath(command.path);
  if (!parsed.ok) return fail('InvalidPath', parsed.message);
  let value: unknown;
  if (command.name === 'config-set') {
    const parsedValue = parseCliValue(command.value, command.strict);
    if (!parsedValue.ok) return fail('InvalidValue', `${command.path}: ${parsedValue.message}`, 'Quote it for the shell, e.g. \'["anthropic","amazon"]\'.');
    value = parsedValue.value;
  } else if (readPath(config, parsed.path) === undefined) {
    return fail('NotSet', `Config path not found: ${command.path} (nothing to unset in ${file})`);
  }
  const edited = editConfigText(view.text, parsed.path, value);
  if (!edited.ok) return fail(edited.error.code, edited.error.message, edited.error.hint);

  // Refuse only errors this edit introduces; a file may already hold some (fix them one by one).
  const before = analyzeConfigText(view.text).issues;
  const saved = await saveConfigFile(file, edited.text, { baseVersion: view.version, tolerate: before });
  if (!saved.ok) {
    const introduced = analyzeConfigText(edited.text).issues.filter((i) => i.severity === 'error' && !before.some((b) => b.path === i.path && b.message === i.message));
    for (const issue of introduced) io.stderr.write(issueLine(file, issue));
    return fail(saved.error.code, saved.error.message, saved.error.hint);
  }
  const verb = command.name === 'config-set' ? 'Set' : 'Removed';
  io.stdout.write(`${verb} ${command.path} in ${file}${saved.value.backupPath ? ` (previous version: ${saved.value.backupPath})` : ''}.\n`);
  return 0;
}

// Where each form field lives in the config, and how issues find their field.
import type { ConfigIssue, ConfigView } from '../../../shared/types';
import type { ConfigPath } from '../../stores/config-store';

export const DISCOVERY: ConfigPath = ['models', 'bedrockDiscovery'];
export const PROVIDER: ConfigPath = ['models', 'providers', 'amazon-bedrock'];
export const PROVIDER_MODELS: ConfigPath = [...PROVIDER, 'models'];
export const PRIMARY: ConfigPath = ['agents', 'defaults', 'model', 'primary'];

/** The documented defaults, shown as placeholders (the effective value beside says what applies). */
export const DISCOVERY_DEFAULTS = {
  region: 'AWS_REGION, else AWS_DEFAULT_REGION, else us-east-1',
  providerFilter: 'all providers (e.g. anthropic, amazon)',
  refreshInterval: '3600',
  defaultContextWindow: '32000',
  defaultMaxTokens: '4096',
} as const;

export const ORIGIN_LABELS: Record<ConfigView['origin'], string> = {
  cli: '--config',
  env: 'CLAWDBOT_CONFIG_PATH',
  moltbot: "Moltbot's state dir",
  chosen: 'chosen here',
  default: "Bedrock Desk's own file",
};

/**
 * One key for a path however it is spelled: `models.providers["amazon-bedrock"].models[0].id`,
 * `models.providers.amazon-bedrock.models.0.id` and the array form all give the same key.
 */
export function pathKey(path: string | ConfigPath): string {
  if (Array.isArray(path)) return path.map(String).join('\u0000');
  return (path.match(/[^.[\]"']+/g) ?? []).join('\u0000');
}

/** Issues grouped by the field they are about ('' → the whole file, e.g. a syntax error). */
export function issuesByField(issues: readonly ConfigIssue[]): Map<string, ConfigIssue[]> {
  const map = new Map<string, ConfigIssue[]>();
  for (const issue of issues) {
    const key = pathKey(issue.path);
    const list = map.get(key);
    if (list) list.push(issue);
    else map.set(key, [issue]);
  }
  return map;
}

/** Issues at this path or below it (a model row shows its own and its fields'). */
export function issuesUnder(map: Map<string, ConfigIssue[]>, path: ConfigPath): ConfigIssue[] {
  const prefix = pathKey(path);
  const found: ConfigIssue[] = [];
  for (const [key, list] of map) if (key === prefix || key.startsWith(prefix + '\u0000')) found.push(...list);
  return found;
}

/** The form's text for a number field → the value to write (undefined removes the key), or an error. */
export function parseNumberField(text: string): { value: number | undefined } | { error: string } {
  const trimmed = text.trim();
  if (trimmed === '') return { value: undefined };
  const value = Number(trimmed);
  return Number.isFinite(value) ? { value } : { error: 'Enter a number' };
}

/** "anthropic, amazon" → ['anthropic', 'amazon']; empty → undefined (removes the key). */
export function parseListField(text: string): string[] | undefined {
  const items = text.split(',').map((item) => item.trim()).filter((item) => item !== '');
  return items.length > 0 ? items : undefined;
}

export function describeIssue(issue: ConfigIssue): string {
  return `line ${issue.line}, column ${issue.column}: ${issue.message}`;
}

/** The source text of the scalar starting at an issue's position (quotes dropped), e.g. `-5`. */
export function sourceValueAt(text: string, issue: Pick<ConfigIssue, 'line' | 'column'>): string | undefined {
  const line = text.split('\n')[issue.line - 1];
  if (line === undefined) return undefined;
  const rest = line.slice(Math.max(issue.column - 1, 0));
  const quoted = /^(["'])((?:\\.|(?!\1).)*)\1/.exec(rest);
  if (quoted) return quoted[2];
  return /^[\w$.+-]+/.exec(rest)?.[0];
}

/**
 * What a field shows: the value when it is valid; when the analysis refused it (so `managed` lacks
 * it), the text written in the file, so the message under the field is about what you see.
 */
export function shownValue(value: unknown, issues: readonly ConfigIssue[], analyzedText: string): string {
  if (value !== undefined && value !== null) return Array.isArray(value) ? value.join(', ') : String(value);
  const issue = issues.find((i) => i.severity === 'error');
  return (issue && sourceValueAt(analyzedText, issue)) ?? '';
}

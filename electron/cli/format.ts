// Plain-text output for humans: aligned tables and error lines. JSON output bypasses this.
import type { AppError } from '../../shared/errors';
import type { ModelSummary } from '../../shared/types';

export function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, col) => Math.max(...rows.map((row) => (row[col] ?? '').length))) ?? [];
  return rows.map((row) => row.map((cell, col) => (col === row.length - 1 ? cell : cell.padEnd(widths[col] ?? 0))).join('  ').trimEnd()).join('\n') + '\n';
}

export function modelsTable(models: ModelSummary[], all = false): string {
  const header = ['ID', 'NAME', 'PROVIDER', 'SOURCE', 'INPUT', 'CONTEXT', 'MAX OUT', 'INVOCATION', 'STATUS', ...(all ? ['FILTERED OUT'] : [])];
  const rows = models.map((m) => [
    m.id,
    m.name,
    m.provider,
    m.source,
    m.input.join('+'),
    String(m.contextWindow),
    String(m.maxTokens),
    m.invocation.mode === 'inference-profile' ? `profile ${m.invocation.invokeId}` : m.invocation.mode,
    m.status?.kind ?? '-',
    ...(all ? [m.filteredOut ?? ''] : []),
  ]);
  return table([header, ...rows]);
}

export function errorLines(error: AppError): string {
  return `error: ${error.message}\n${error.hint ? `hint: ${error.hint}\n` : ''}`;
}

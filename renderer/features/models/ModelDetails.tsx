// The selected model: limits (and where they come from), modalities, price, ARN, the inference
// profiles that reach it, its status with "why can't I use this model?", and the actions.
import { useEffect, useState, type ReactNode } from 'react';
import type { LimitsSource, ModelCost, ModelSummary } from '../../../shared/types';
import { useModelsStore } from '../../stores/models-store';
import { copyText } from '../../ui/CopyButton';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { HintText } from '../../ui/HintText';
import { formatInteger } from '../../ui/format';
import { invocationLabel } from './model-filter';
import { isUsable, statusOf } from './model-status';
import { PrimaryBadge, StatusBadge } from './StatusBadge';

interface Props {
  model: ModelSummary;
  primary: boolean;
  onChat(modelId: string): void;
  onClose(): void;
}

const LIMITS_LABEL: Record<LimitsSource, string> = {
  documented: 'documented by AWS',
  configured: 'configured',
  default: 'discovery default',
};

function limitsSource(model: ModelSummary): LimitsSource {
  return model.limits?.source ?? (model.source === 'configured' ? 'configured' : 'default');
}

function formatPrice(value: number | undefined): string {
  return value === undefined ? 'unknown' : `$${+value.toFixed(4)}`;
}

function CostTable({ cost }: { cost: ModelCost | undefined }) {
  if (!cost) return <span className="muted">unknown</span>;
  const rows: Array<[string, number | undefined]> = [
    ['input', cost.input],
    ['output', cost.output],
    ['cache read', cost.cacheRead],
    ['cache write', cost.cacheWrite],
  ];
  return (
    <span className="cost-grid" data-testid="model-cost">
      {rows.map(([label, value]) => (
        <span key={label} className="cost-cell">
          <span className="muted">{label}</span> <span className={value === undefined ? 'muted' : 'mono'}>{formatPrice(value)}</span>
        </span>
      ))}
      <span className="cost-unit muted">USD per million tokens</span>
    </span>
  );
}

const LINKED_TITLE = /([^()·]+?)\s*\((https:\/\/[^()\s]+)\)|(https:\/\/[^()\s]+)/g;

/** "AWS: Claude models (https://…) · Amazon Bedrock pricing (https://…)": each title links to its page. */
function Reference({ reference }: { reference: string }) {
  const parts: ReactNode[] = [];
  let last = 0;
  for (const match of reference.matchAll(LINKED_TITLE)) {
    const start = match.index ?? 0;
    if (start > last) parts.push(reference.slice(last, start));
    const url = match[2] ?? match[3] ?? '';
    const title = match[1]?.trim() || url.replace(/^https:\/\/(www\.)?/i, '');
    if (match[1] && /^\s/.test(match[1])) parts.push(' ');
    parts.push(
      <a key={start} href={url} target="_blank" rel="noreferrer noopener" className="reference-link" title={url}>
        {title}
      </a>,
    );
    last = start + match[0].length;
  }
  if (last < reference.length) parts.push(reference.slice(last));
  return <span className="limits-reference">{parts}</span>;
}

function Field({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <>
      <dt>{label}</dt>
      <dd data-testid={testId}>{children}</dd>
    </>
  );
}

function useCopyState(): ['idle' | 'copied' | 'failed', (text: string) => void] {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (state === 'idle') return;
    const timer = setTimeout(() => setState('idle'), 1800);
    return () => clearTimeout(timer);
  }, [state]);
  return [state, (text) => void copyText(text).then((copied) => setState(copied ? 'copied' : 'failed'))];
}

export function ModelDetails({ model, primary, onChat, onClose }: Props) {
  const status = statusOf(model);
  const usable = isUsable(status.kind);
  const action = useModelsStore((s) => (s.primaryAction?.modelId === model.id ? s.primaryAction : null));
  const makePrimary = useModelsStore((s) => s.makePrimary);
  const [copy, copyId] = useCopyState();
  const source = limitsSource(model);
  const profiles = model.profiles ?? (model.invocation.mode === 'inference-profile' ? [model.invocation.invokeId] : []);
  const canChat = model.invocation.mode !== 'provisioned-only';

  return (
    <aside className="model-details" data-testid="model-details" data-model-id={model.id} aria-label={`Details of ${model.name}`}>
      <header className="details-head">
        <div className="details-title">
          <h2>
            {model.name} {primary && <PrimaryBadge />}
          </h2>
          <div className="mono selectable details-id">{model.id}</div>
        </div>
        <button type="button" className="icon-button" aria-label="Close details" title="Close details" onClick={onClose}>
          ×
        </button>
      </header>

      <div className="details-actions">
        <button type="button" className="button button-small button-primary" disabled={!canChat} onClick={() => onChat(model.id)} title={canChat ? undefined : 'Provisioned throughput only: not callable on demand'}>
          Chat with it
        </button>
        <button
          type="button"
          className="button button-small"
          disabled={primary || action?.state === 'saving'}
          onClick={() => void makePrimary(model.id)}
          title={primary ? 'Already agents.defaults.model.primary' : `Write agents.defaults.model.primary = "amazon-bedrock/${model.id}"`}
        >
          {action?.state === 'saving' ? 'Saving…' : 'Make primary'}
        </button>
        <button type="button" className="button button-small" onClick={() => copyId(model.id)} data-copied={copy === 'copied'}>
          {copy === 'copied' ? 'Copied' : 'Copy id'}
        </button>
        {copy === 'failed' && <span className="text-warn copy-failed">Could not copy; select the id above.</span>}
      </div>

      {action?.state === 'saved' && (
        <div className="notice notice-good notice-compact" role="status" data-testid="primary-result">
          Primary model saved to <span className="mono selectable">{action.path}</span>
        </div>
      )}
      {action?.state === 'failed' && action.error && <ErrorNotice error={action.error} compact testId="primary-error" />}

      <section className={`details-status status-box-${usable ? 'ok' : 'bad'}`} data-testid="model-details-status" data-status={status.kind}>
        <div className="details-status-head">
          <StatusBadge status={status} />
          {!usable && <strong>Why can't I use this model?</strong>}
        </div>
        <p className="details-status-message">{status.message}</p>
        {status.hint && (
          <p className="details-status-hint" data-testid="model-status-hint">
            <HintText hint={status.hint} />
          </p>
        )}
        {(status.errorCode || status.learnedAt) && (
          <p className="details-status-meta muted">
            {status.errorCode && <span className="mono">{status.errorCode}</span>}
            {status.learnedAt && <span> · seen {new Date(status.learnedAt).toLocaleString()}</span>}
          </p>
        )}
      </section>

      <dl className="details-list">
        <Field label="Provider">{model.provider}</Field>
        <Field label="Source">
          <span className={`chip chip-source-${model.source}`}>{model.source}</span>
          {model.filteredOut && <span className="muted"> · left out by discovery: {model.filteredOut}</span>}
        </Field>
        <Field label="Context window" testId="details-context">
          {formatInteger(model.contextWindow)} tokens
        </Field>
        <Field label="Max output tokens" testId="details-max-tokens">
          {formatInteger(model.maxTokens)} tokens
        </Field>
        <Field label="Limits from" testId="details-limits">
          <span className={`limits-source limits-${source}`}>{LIMITS_LABEL[source]}</span>
          {model.limits?.reference && (
            <div className="details-reference">
              <Reference reference={model.limits.reference} />
            </div>
          )}
        </Field>
        <Field label="Input">{model.input.join(', ') || '—'}</Field>
        <Field label="Output">{model.outputModalities?.length ? model.outputModalities.map((m) => m.toLowerCase()).join(', ') : 'text'}</Field>
        <Field label="Capabilities">
          {model.reasoning ? 'reasoning' : 'no reasoning'} · {model.streaming ? 'streaming' : 'no streaming'} · {model.lifecycle === 'LEGACY' ? 'legacy' : 'active'}
        </Field>
        <Field label="Cost">
          <CostTable cost={model.cost} />
        </Field>
        <Field label="Invocation" testId="details-invocation">
          {invocationLabel(model)}
        </Field>
        <Field label="Inference profiles" testId="details-profiles">
          {profiles.length === 0 ? (
            <span className="muted">none reach it</span>
          ) : (
            <ul className="profile-ids">
              {profiles.map((id) => (
                <li key={id} data-used={id === model.invocation.invokeId}>
                  <span className="mono selectable">{id}</span>
                  {id === model.invocation.invokeId && <span className="chip chip-reasoning">used</span>}
                </li>
              ))}
            </ul>
          )}
        </Field>
        <Field label="ARN" testId="details-arn">
          {model.arn ? <span className="mono selectable">{model.arn}</span> : <span className="muted">not known (configured only)</span>}
        </Field>
      </dl>
    </aside>
  );
}

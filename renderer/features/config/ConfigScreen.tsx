// The config file: which one, a form for what Bedrock Desk manages and the raw JSON5 beside it,
// both editing the same buffer; save only when it is valid, never over a change made elsewhere.
import { useMemo } from 'react';
import type { ConfigIssue } from '../../../shared/types';
import { useConfigStore } from '../../stores/config-store';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { Loading } from '../../ui/States';
import { describeIssue, issuesByField } from './config-fields';
import { DiscoveryForm } from './DiscoveryForm';
import { FileBar } from './FileBar';
import { PrimaryField } from './PrimaryField';
import { ProviderForm } from './ProviderForm';
import { RawEditor } from './RawEditor';

const NO_ISSUES: ConfigIssue[] = [];

function saveBlockedReason(errors: ConfigIssue[]): string {
  const count = errors.length === 1 ? '1 error' : `${errors.length} errors`;
  const shown = errors.slice(0, 3).map(describeIssue).join('; ');
  return `Fix ${count} to save: ${shown}${errors.length > 3 ? '; …' : ''}`;
}

export function ConfigScreen() {
  const view = useConfigStore((s) => s.view);
  const error = useConfigStore((s) => s.error);
  const load = useConfigStore((s) => s.load);
  const buffer = useConfigStore((s) => s.buffer);
  const analysis = useConfigStore((s) => s.analysis);
  const analyzedText = useConfigStore((s) => s.analyzedText);
  const lastGood = useConfigStore((s) => s.lastGood);
  const saving = useConfigStore((s) => s.saving);
  const actionError = useConfigStore((s) => s.actionError);
  const conflict = useConfigStore((s) => s.conflict);
  const notice = useConfigStore((s) => s.notice);

  const issues = analysis?.issues ?? NO_ISSUES;
  const parses = analysis?.managed !== undefined;
  // While the text does not parse, the form keeps the last values that did, and their messages.
  const fieldIssues = parses ? issues : (lastGood?.issues ?? NO_ISSUES);
  const byField = useMemo(() => issuesByField(fieldIssues), [fieldIssues]);
  const errors = issues.filter((issue) => issue.severity === 'error');
  const dirty = view !== null && buffer !== view.text;
  const analyzing = analyzedText !== buffer;

  if (!view) {
    return (
      <div className="screen-scroll" data-testid="config-screen">
        {error ? <ErrorNotice error={error} onRetry={() => void load()} /> : <Loading label="Reading config…" />}
      </div>
    );
  }

  const blocked = errors.length > 0 ? saveBlockedReason(errors) : null;

  return (
    <div className="screen-fixed config-screen" data-testid="config-screen" data-dirty={dirty || undefined}>
      <header className="screen-header">
        <h1>Config</h1>
        <div className="header-spacer" />
        {dirty && (
          <span className="chip chip-warn" data-testid="config-dirty">
            Unsaved edits
          </span>
        )}
        <button type="button" className="button" onClick={() => useConfigStore.getState().revert()} disabled={!dirty || saving}>
          Revert
        </button>
        <button
          type="button"
          className="button button-primary"
          onClick={() => void useConfigStore.getState().save()}
          disabled={!dirty || saving || analyzing || blocked !== null || conflict !== null}
          aria-describedby={blocked ? 'config-save-blocked' : undefined}
        >
          {saving ? 'Saving…' : 'Save'}
        </button>
      </header>
      <FileBar view={view} dirty={dirty} />

      {conflict && (
        <div className="notice notice-warn" role="alert" data-testid="config-conflict">
          <div className="notice-body">
            <div className="notice-message">The file changed on disk since you opened it</div>
            <div className="notice-hint">
              {conflict.kind === 'save' ? 'Your save was not written.' : 'Your edits are kept here for now.'} Reload to take the version on disk (your edits are discarded), or
              overwrite it with yours.
            </div>
          </div>
          <button type="button" className="button" onClick={() => void useConfigStore.getState().reloadFromDisk()}>
            Reload
          </button>
          <button type="button" className="button button-danger" onClick={() => void useConfigStore.getState().save({ overwrite: true })} disabled={errors.length > 0 || saving}>
            Overwrite
          </button>
        </div>
      )}
      {blocked && (
        <div className="config-save-blocked" id="config-save-blocked" data-testid="config-save-blocked" role="status">
          {blocked}
        </div>
      )}
      {!parses && !analyzing && (
        <div className="notice notice-error" role="alert" data-testid="config-parse-banner">
          <div className="notice-body">
            <div className="notice-message">The raw text does not parse; the form shows the last values that did until it does again.</div>
          </div>
        </div>
      )}
      {actionError && <ErrorNotice error={actionError} compact testId="config-action-error" />}
      {notice && (
        <div className="notice notice-good" role="status" data-testid="config-notice">
          <div className="notice-body selectable">{notice}</div>
          <button type="button" className="button button-small" onClick={() => useConfigStore.getState().dismissNotice()}>
            Dismiss
          </button>
        </div>
      )}

      <div className="config-split">
        <form className="config-form" data-testid="config-form" aria-label="Config form" onSubmit={(e) => e.preventDefault()}>
          {lastGood ? (
            <fieldset className="config-fieldset" disabled={!parses} title={parses ? undefined : 'Fix the raw text to edit here again'}>
              <DiscoveryForm discovery={lastGood.managed.bedrockDiscovery} effective={lastGood.effective} issues={byField} />
              <ProviderForm provider={lastGood.managed.provider} suggestedBaseUrl={lastGood.suggestedBaseUrl} issues={byField} />
              <PrimaryField primary={lastGood.managed.primary} issues={byField} />
            </fieldset>
          ) : (
            <div className="state-placeholder">The file does not parse yet; fix it in the raw editor.</div>
          )}
        </form>
        <RawEditor />
      </div>
    </div>
  );
}

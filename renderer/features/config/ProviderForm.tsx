// models.providers["amazon-bedrock"]: endpoint, api, auth, and the manually configured models.
import type { ConfigIssue, ManagedConfig } from '../../../shared/types';
import { formSourceText, useConfigStore } from '../../stores/config-store';
import { PROVIDER, issuesUnder, shownValue } from './config-fields';
import { DraftInput, Field } from './Field';
import { ModelsTable } from './ModelsTable';

interface Props {
  provider: ManagedConfig['provider'];
  suggestedBaseUrl: string;
  issues: Map<string, ConfigIssue[]>;
}

const edit = (key: string, value: unknown) => void useConfigStore.getState().edit([...PROVIDER, key], value);
const textValue = (text: string) => (text.trim() === '' ? undefined : text.trim());

export function ProviderForm({ provider, suggestedBaseUrl, issues }: Props) {
  const at = (key: string) => issuesUnder(issues, [...PROVIDER, key]);
  const analyzedText = useConfigStore(formSourceText);
  const offerSuggestion = suggestedBaseUrl !== '' && provider.baseUrl !== suggestedBaseUrl;
  return (
    <section className="config-section" aria-labelledby="config-provider-title">
      <h2 id="config-provider-title">
        Provider <span className="config-path-hint mono">models.providers["amazon-bedrock"]</span>
      </h2>
      <Field
        label="baseUrl"
        issues={at('baseUrl')}
        effective={
          offerSuggestion ? (
            <span>
              <span className="muted">This region's endpoint:</span>{' '}
              <button type="button" className="link-button mono" data-testid="baseurl-suggestion" onClick={() => edit('baseUrl', suggestedBaseUrl)} title="Use this endpoint">
                {suggestedBaseUrl}
              </button>
            </span>
          ) : undefined
        }
      >
        {({ id, invalid, describedBy }) => (
          <DraftInput id={id} value={shownValue(provider.baseUrl, at('baseUrl'), analyzedText)} placeholder={suggestedBaseUrl || 'https://bedrock-runtime.<region>.amazonaws.com'} invalid={invalid} describedBy={describedBy} onCommit={(text) => edit('baseUrl', textValue(text))} />
        )}
      </Field>
      <Field label="api" issues={at('api')}>
        {({ id, invalid, describedBy }) => (
          <DraftInput id={id} value={shownValue(provider.api, at('api'), analyzedText)} placeholder="bedrock-converse-stream" list="config-api-values" invalid={invalid} describedBy={describedBy} onCommit={(text) => edit('api', textValue(text))} />
        )}
      </Field>
      <Field label="auth" issues={at('auth')}>
        {({ id, invalid, describedBy }) => (
          <DraftInput id={id} value={shownValue(provider.auth, at('auth'), analyzedText)} placeholder="aws-sdk" list="config-auth-values" invalid={invalid} describedBy={describedBy} onCommit={(text) => edit('auth', textValue(text))} />
        )}
      </Field>
      <datalist id="config-api-values">
        <option value="bedrock-converse-stream" />
      </datalist>
      <datalist id="config-auth-values">
        <option value="aws-sdk" />
      </datalist>
      <ModelsTable models={provider.models} issues={issues} />
    </section>
  );
}

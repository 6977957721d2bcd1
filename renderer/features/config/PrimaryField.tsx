// agents.defaults.model.primary: free text, with the model browser's list as suggestions and a picker.
import { useMemo } from 'react';
import type { ConfigIssue } from '../../../shared/types';
import { formSourceText, useConfigStore } from '../../stores/config-store';
import { useModelsStore } from '../../stores/models-store';
import { PRIMARY, issuesUnder, shownValue } from './config-fields';
import { DraftInput, Field } from './Field';

const PREFIX = 'amazon-bedrock/';

export function PrimaryField({ primary, issues }: { primary: string | undefined; issues: Map<string, ConfigIssue[]> }) {
  const models = useModelsStore((s) => s.result?.models);
  const choices = useMemo(() => (models ?? []).map((m) => ({ value: PREFIX + m.id, label: `${m.name} (${m.provider})` })), [models]);
  const edit = (value: string | undefined) => void useConfigStore.getState().edit(PRIMARY, value);
  const known = choices.some((c) => c.value === primary);
  const analyzedText = useConfigStore(formSourceText);
  const fieldIssues = issuesUnder(issues, PRIMARY);
  return (
    <section className="config-section" aria-labelledby="config-primary-title">
      <h2 id="config-primary-title">
        Default model <span className="config-path-hint mono">agents.defaults.model.primary</span>
      </h2>
      <Field
        label="primary"
        issues={fieldIssues}
        extra={
          <select className="input config-primary-pick" aria-label="Pick from the model browser" value={known ? primary : ''} onChange={(e) => e.target.value && edit(e.target.value)} disabled={choices.length === 0}>
            <option value="">{choices.length === 0 ? 'No models listed' : 'Pick a model…'}</option>
            {choices.map((choice) => (
              <option key={choice.value} value={choice.value}>
                {choice.label}
              </option>
            ))}
          </select>
        }
      >
        {({ id, invalid, describedBy }) => (
          <DraftInput
            id={id}
            className="mono"
            value={shownValue(primary, fieldIssues, analyzedText)}
            placeholder="amazon-bedrock/<model id>"
            list="config-primary-models"
            invalid={invalid}
            describedBy={describedBy}
            onCommit={(text) => edit(text.trim() === '' ? undefined : text.trim())}
          />
        )}
      </Field>
      <datalist id="config-primary-models">
        {choices.map((choice) => (
          <option key={choice.value} value={choice.value}>
            {choice.label}
          </option>
        ))}
      </datalist>
    </section>
  );
}

// A number field: empty removes the key, a number is written, anything else stays local with "Enter a number".
import { useState, type ReactNode } from 'react';
import type { ConfigIssue } from '../../../shared/types';
import { formSourceText, useConfigStore, type ConfigPath } from '../../stores/config-store';
import { parseNumberField, shownValue } from './config-fields';
import { DraftInput, Field } from './Field';

interface Props {
  label: string;
  path: ConfigPath;
  value: unknown;
  issues: readonly ConfigIssue[];
  placeholder?: string;
  effective?: ReactNode;
}

export function NumberField({ label, path, value, issues, placeholder, effective }: Props) {
  const [localError, setLocalError] = useState<string | undefined>();
  const analyzedText = useConfigStore(formSourceText);
  return (
    <Field label={label} issues={issues} localError={localError} effective={effective}>
      {({ id, invalid, describedBy }) => (
        <DraftInput
          id={id}
          className="input-number"
          value={shownValue(value, issues, analyzedText)}
          placeholder={placeholder}
          invalid={invalid}
          describedBy={describedBy}
          inputMode="decimal"
          onCommit={(text) => {
            const parsed = parseNumberField(text);
            if ('error' in parsed) {
              setLocalError(parsed.error);
              return;
            }
            setLocalError(undefined);
            void useConfigStore.getState().edit(path, parsed.value);
          }}
        />
      )}
    </Field>
  );
}

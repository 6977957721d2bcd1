// One form field: the label (the config key's own name), the control, what applies and why, and
// the problems the analysis found at this key, tied to the control with aria-invalid/-describedby.
import { useEffect, useId, useState, type ReactNode } from 'react';
import type { ConfigIssue } from '../../../shared/types';

interface FieldProps {
  label: string;
  issues?: readonly ConfigIssue[];
  /** A local problem (e.g. "Enter a number") not yet in the file. */
  localError?: string;
  /** What applies and why, e.g. "true — credentials were found". */
  effective?: ReactNode;
  extra?: ReactNode;
  children: (control: { id: string; invalid: boolean; describedBy: string | undefined }) => ReactNode;
}

export function Field({ label, issues = [], localError, effective, extra, children }: FieldProps) {
  const id = useId();
  const errorId = `${id}-error`;
  const effectiveId = `${id}-effective`;
  const messages = [...(localError ? [localError] : []), ...issues.map((i) => `${i.message} (line ${i.line}, column ${i.column})`)];
  const invalid = messages.length > 0;
  const describedBy = [invalid ? errorId : '', effective ? effectiveId : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={invalid ? 'config-field is-invalid' : 'config-field'}>
      <label className="config-label mono" htmlFor={id}>
        {label}
      </label>
      <div className="config-control">
        <div className="config-control-row">
          {children({ id, invalid, describedBy })}
          {extra}
        </div>
        {invalid && (
          <div className="field-error" id={errorId} data-testid="field-error" role="alert">
            {messages.map((message) => (
              <div key={message}>{message}</div>
            ))}
          </div>
        )}
        {effective && (
          <div className="config-effective" id={effectiveId}>
            {effective}
          </div>
        )}
      </div>
    </div>
  );
}

interface DraftInputProps {
  id?: string;
  /** The value in the buffer, as text. */
  value: string;
  /** Called on every keystroke with the text typed; the field keeps its own text while focused. */
  onCommit(text: string): void;
  placeholder?: string;
  invalid?: boolean;
  describedBy?: string;
  ariaLabel?: string;
  list?: string;
  className?: string;
  inputMode?: 'numeric' | 'decimal' | 'text';
}

/**
 * A text input that edits the buffer as you type but keeps what you typed while it has focus
 * (the buffer's rendering of "3," or "1e" may differ), and follows the buffer otherwise.
 */
export function DraftInput({ id, value, onCommit, placeholder, invalid, describedBy, ariaLabel, list, className, inputMode }: DraftInputProps) {
  const [draft, setDraft] = useState(value);
  const [focused, setFocused] = useState(false);
  useEffect(() => {
    if (!focused) setDraft(value);
  }, [value, focused]);
  return (
    <input
      id={id}
      className={`input ${className ?? ''} ${invalid ? 'is-invalid' : ''}`}
      value={draft}
      placeholder={placeholder}
      aria-invalid={invalid || undefined}
      aria-describedby={describedBy}
      aria-label={ariaLabel}
      list={list}
      inputMode={inputMode}
      spellCheck={false}
      autoComplete="off"
      onFocus={() => setFocused(true)}
      onBlur={() => setFocused(false)}
      onChange={(event) => {
        setDraft(event.target.value);
        onCommit(event.target.value);
      }}
    />
  );
}

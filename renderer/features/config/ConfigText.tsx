import { memo } from 'react';

interface Props {
  text: string;
  /** 1-based line to mark (a parse error's position). */
  errorLine?: number;
}

/** The JSON5 file as on disk, with line numbers, the error line marked. */
export const ConfigText = memo(function ConfigText({ text, errorLine }: Props) {
  // A final newline ends the last line; it does not start another.
  const lines = (text.endsWith('\n') ? text.slice(0, -1) : text).split('\n');
  return (
    <pre className="config-text" data-testid="config-raw" aria-label="Config file contents">
      {lines.map((line, index) => (
        <span key={index} className={index + 1 === errorLine ? 'config-line is-error' : 'config-line'} data-line={index + 1}>
          <span className="line-number" aria-hidden="true">
            {index + 1}
          </span>
          {line}
          {'\n'}
        </span>
      ))}
    </pre>
  );
});

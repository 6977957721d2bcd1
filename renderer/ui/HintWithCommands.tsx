// A hint as text, followed by each command it names on its own line with a copy button, so
// "run `aws sso login --profile dev`" becomes one click instead of a careful selection.
import { CopyButton } from './CopyButton';
import { HintText, splitHint } from './HintText';

const RUNNABLE = /^(?:aws|export|moltbot|bedrock-desk|npm)\s/;

export function hintCommands(hint: string): string[] {
  const commands = splitHint(hint)
    .filter((part) => part.code && RUNNABLE.test(part.text))
    .map((part) => part.text);
  return [...new Set(commands)];
}

export function HintWithCommands({ hint }: { hint: string }) {
  const commands = hintCommands(hint);
  return (
    <>
      <div className="notice-hint" data-testid="error-hint">
        <HintText hint={hint} />
      </div>
      {commands.map((command) => (
        <div className="command-row" key={command} data-testid="hint-command">
          <code className="command-text selectable">{command}</code>
          <CopyButton text={command} label="Copy command" />
        </div>
      ))}
    </>
  );
}

// Hints often name a command (`aws sso login --profile dev`) or a variable to set; those parts are
// shown as <code> so they read as something to type. Backticks win; otherwise common shapes are found.
import { Fragment, type ReactNode } from 'react';

const COMMAND =
  /`([^`]+)`|\b((?:aws|export|moltbot|bedrock-desk|npm)\s+[a-z0-9][\w-]*(?:\s+[a-z][\w-]*)?(?:\s+--?[\w-]+(?:[ =](?!--)[^\s,;`]+)?)*)|\b([A-Z][A-Z0-9_]{2,}=[^\s,;`]+)|\b(bedrock:[A-Za-z]+)/g;

export function splitHint(hint: string): Array<{ code: boolean; text: string }> {
  const parts: Array<{ code: boolean; text: string }> = [];
  let last = 0;
  for (const match of hint.matchAll(COMMAND)) {
    let code = match[1] ?? match[2] ?? match[3] ?? match[4] ?? '';
    let end = (match.index ?? 0) + match[0].length;
    // A sentence's full stop is not part of the command.
    while (code.endsWith('.') && match[1] === undefined) {
      code = code.slice(0, -1);
      end -= 1;
    }
    const start = match.index ?? 0;
    if (start > last) parts.push({ code: false, text: hint.slice(last, start) });
    parts.push({ code: true, text: code });
    last = end;
  }
  if (last < hint.length) parts.push({ code: false, text: hint.slice(last) });
  return parts;
}

export function HintText({ hint }: { hint: string }): ReactNode {
  return (
    <>
      {splitHint(hint).map((part, i) =>
        part.code ? <code key={i}>{part.text}</code> : <Fragment key={i}>{part.text}</Fragment>,
      )}
    </>
  );
}

// Where Moltbot's env-only detection would see something else than the real chain found: say so,
// and that nothing needs changing (e.g. no AWS_PROFILE=default workaround for an instance role).
import type { MoltbotComparison } from '../../../shared/types';
import { HintText } from '../../ui/HintText';

const MOLTBOT_SOURCE: Record<MoltbotComparison['source'], string> = {
  'bearer-token': 'a Bedrock API key (AWS_BEARER_TOKEN_BEDROCK)',
  'env-keys': 'env keys (AWS_ACCESS_KEY_ID)',
  profile: 'a profile (AWS_PROFILE)',
  none: 'no credentials',
};

export function MoltbotNote({ moltbot, sandbox }: { moltbot: MoltbotComparison; sandbox: boolean }) {
  return (
    <section className="panel panel-info" aria-labelledby="moltbot-title" data-testid="moltbot-note" data-moltbot-source={moltbot.source}>
      <div className="info-head">
        <span className="info-icon" aria-hidden="true">
          i
        </span>
        <h2 id="moltbot-title">{sandbox ? 'Compared with Moltbot' : `Moltbot would see ${MOLTBOT_SOURCE[moltbot.source]} here`}</h2>
      </div>
      <p className="info-text">
        {moltbot.note ? (
          <HintText hint={moltbot.note} />
        ) : (
          'Moltbot only looks at environment variables; Bedrock Desk resolves the full AWS credential chain.'
        )}
      </p>
    </section>
  );
}

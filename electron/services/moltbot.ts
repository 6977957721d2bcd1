// What Moltbot's own detection would report here. It reads environment variables only, so an
// instance role, a container role or a `[default]` profile look like "no credentials" to it —
// the pain that makes people export AWS_PROFILE=default. We say plainly when we differ.
import type { CredentialView, MoltbotComparison } from '../../shared/types';
import { chainProviderLabel } from './credentials';

type Env = Record<string, string | undefined>;

const set = (value: string | undefined) => !!value?.trim();

export function moltbotSource(env: Env): MoltbotComparison['source'] {
  if (set(env.AWS_BEARER_TOKEN_BEDROCK)) return 'bearer-token';
  if (set(env.AWS_ACCESS_KEY_ID) && set(env.AWS_SECRET_ACCESS_KEY)) return 'env-keys';
  if (set(env.AWS_PROFILE)) return 'profile';
  return 'none';
}

const DESCRIBE: Record<MoltbotComparison['source'], (env: Env) => string> = {
  'bearer-token': () => 'the Bedrock API key in AWS_BEARER_TOKEN_BEDROCK',
  'env-keys': () => 'the keys in AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY',
  profile: (env) => `profile "${env.AWS_PROFILE?.trim() ?? ''}" from AWS_PROFILE`,
  none: () => 'no credentials',
};

export function compareWithMoltbot(env: Env, ours: CredentialView, selectedProfile?: string): MoltbotComparison {
  const source = moltbotSource(env);
  const theirs = DESCRIBE[source](env);
  if (ours.source === 'sandbox') {
    return { source, differs: true, note: `Sandbox mode: Bedrock Desk talks to its built-in emulator, not AWS; Moltbot would use ${theirs}.` };
  }
  if (ours.source === 'default-chain' && source === 'none') {
    const found = ours.provider && ours.provider !== 'unknown' ? `the ${chainProviderLabel(ours.provider)}` : 'credentials';
    return {
      source,
      differs: true,
      note: `Moltbot only reads environment variables, so it would find no credentials here; Bedrock Desk found ${found} through the SDK chain — no AWS_PROFILE=default workaround is needed.`,
    };
  }
  if (ours.source === 'profile' && selectedProfile && !(source === 'profile' && env.AWS_PROFILE?.trim() === selectedProfile)) {
    return {
      source,
      differs: true,
      note: `You picked profile "${selectedProfile}" in Bedrock Desk; Moltbot reads only the environment, so it would use ${theirs}. Start it with AWS_PROFILE=${selectedProfile} to match.`,
    };
  }
  return { source, differs: false };
}

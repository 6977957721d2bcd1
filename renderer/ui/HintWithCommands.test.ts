import { describe, expect, it } from 'vitest';
import { hintCommands } from './HintWithCommands';

describe('hintCommands', () => {
  it('picks the runnable commands out of a hint, once each', () => {
    expect(hintCommands('Run `aws sso login --profile dev` (or `aws sso login --sso-session corp`), then refresh.')).toEqual([
      'aws sso login --profile dev',
      'aws sso login --sso-session corp',
    ]);
    expect(hintCommands('Run aws sso login --profile dev. Then run aws sso login --profile dev again.')).toEqual(['aws sso login --profile dev']);
  });

  it('leaves IAM actions and variables as text, not commands', () => {
    expect(hintCommands('Allow bedrock:ListFoundationModels in IAM, or set AWS_REGION=us-east-1.')).toEqual([]);
  });
});

// Which region we talk to, and why: the Connection screen shows the origin so a user who
// exported AWS_REGION in one shell and not another can see which one won.
import type { RegionView } from '../../shared/types';

export const DEFAULT_REGION = 'us-east-1';

export interface RegionInputs {
  cliRegion?: string;
  configRegion?: string;
  env: Record<string, string | undefined>;
  /** The `region` of the AWS profile in use, read from ~/.aws/config. */
  profileRegion?: string;
}

/** Precedence: --region, config, AWS_REGION, AWS_DEFAULT_REGION, profile, us-east-1. */
export function resolveRegion(inputs: RegionInputs): RegionView {
  const candidates: Array<[string | undefined, RegionView['origin']]> = [
    [inputs.cliRegion, 'cli'],
    [inputs.configRegion, 'config'],
    [inputs.env.AWS_REGION, 'AWS_REGION'],
    [inputs.env.AWS_DEFAULT_REGION, 'AWS_DEFAULT_REGION'],
    [inputs.profileRegion, 'profile'],
  ];
  for (const [value, origin] of candidates) {
    // An exported-but-empty variable (`AWS_REGION=`) means "unset" to the SDK too.
    const region = value?.trim();
    if (region) return { region, origin };
  }
  return { region: DEFAULT_REGION, origin: 'default' };
}

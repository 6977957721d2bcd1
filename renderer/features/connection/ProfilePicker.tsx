// Every profile of ~/.aws/config and ~/.aws/credentials, and a way to use one in the app.
import type { ConnectionView, ProfileInfo } from '../../../shared/types';
import { useConnectionStore } from '../../stores/connection-store';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { chooseProfile } from './connection-actions';
import { profileKindName } from './credential-labels';

/** The <select> value for "no profile picked in the app". */
const ENVIRONMENT = '';

function optionText(profile: ProfileInfo): string {
  return [profile.name, profileKindName(profile.kind), profile.region].filter(Boolean).join(' · ');
}

function pickerNote(view: ConnectionView, switching: boolean): string {
  if (switching) return 'Resolving…';
  const { source } = view.credentials;
  // Moltbot's order: an API key or env keys come before any profile, picked here or not.
  if (source === 'bearer-token') return 'AWS_BEARER_TOKEN_BEDROCK is set: it is used before any profile.';
  if (source === 'env-keys') return 'AWS_ACCESS_KEY_ID is set: env keys are used before any profile.';
  if (view.selectedProfile) return 'Picked here; wins over AWS_PROFILE.';
  return 'AWS_PROFILE, else the SDK default chain, decides.';
}

export function ProfilePicker({ view }: { view: ConnectionView }) {
  const switching = useConnectionStore((s) => s.switchingProfile);
  const error = useConnectionStore((s) => s.actionError);
  const { profiles, selectedProfile, credentials } = view;
  const value = switching ? (switching.profile ?? ENVIRONMENT) : (selectedProfile ?? ENVIRONMENT);
  // The profile the credentials came from, picked here or not (AWS_PROFILE, or the chain's default).
  const inUse = credentials.profile;

  return (
    <section className="panel" aria-labelledby="profiles-title" data-testid="profiles">
      <div className="panel-header">
        <h2 id="profiles-title">Profiles</h2>
        <span className="muted">
          {profiles.length === 0 ? 'none in ~/.aws/config or ~/.aws/credentials' : `${profiles.length} in ~/.aws/config and ~/.aws/credentials`}
        </span>
      </div>
      <div className="profile-picker-row">
        <label htmlFor="profile-picker">Profile</label>
        <select
          id="profile-picker"
          className="input profile-select"
          data-testid="profile-picker"
          value={value}
          disabled={switching !== null || view.sandbox}
          onChange={(event) => void chooseProfile(event.target.value === ENVIRONMENT ? null : event.target.value)}
        >
          <option value={ENVIRONMENT}>Environment default</option>
          {profiles.map((profile) => (
            <option key={profile.name} value={profile.name}>
              {optionText(profile)}
            </option>
          ))}
        </select>
        <span className="muted" data-testid="profile-picker-note">
          {pickerNote(view, switching !== null)}
        </span>
      </div>
      {error && <ErrorNotice error={error} compact testId="connection-action-error" />}
      {profiles.length > 0 && (
        <ul className="profile-list">
          {profiles.map((profile) => (
            <li key={profile.name} className={profile.name === inUse ? 'profile-item is-current' : 'profile-item'} data-testid="profile-item" data-profile={profile.name} data-kind={profile.kind}>
              <span className="mono profile-name">{profile.name}</span>
              <span className={`chip chip-kind-${profile.kind}`}>{profileKindName(profile.kind)}</span>
              <span className="mono muted">{profile.region ?? 'no region'}</span>
              <span className="muted profile-files">{profile.files.join(' + ')}</span>
              {profile.name === inUse && <span className="chip chip-source-configured">in use</span>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

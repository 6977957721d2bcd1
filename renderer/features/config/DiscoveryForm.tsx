// models.bedrockDiscovery: every field, the default as placeholder, and what applies and why.
import type { ConfigIssue, EffectiveDiscovery, EffectiveSetting, ManagedConfig } from '../../../shared/types';
import { formSourceText, useConfigStore } from '../../stores/config-store';
import { DISCOVERY, DISCOVERY_DEFAULTS, issuesUnder, parseListField, shownValue } from './config-fields';
import { DraftInput, Field } from './Field';
import { NumberField } from './NumberInput';

interface Props {
  discovery: ManagedConfig['bedrockDiscovery'];
  effective?: EffectiveDiscovery;
  issues: Map<string, ConfigIssue[]>;
}

function Effective<T>({ name, setting }: { name: string; setting?: EffectiveSetting<T> }) {
  if (!setting) return null;
  const value = Array.isArray(setting.value) ? (setting.value.length > 0 ? setting.value.join(', ') : 'all providers') : String(setting.value);
  return (
    <span data-testid={`effective-${name}`}>
      <span className="muted">in effect:</span> <strong className="mono">{value}</strong> <span className="muted">— {setting.reason}</span>
    </span>
  );
}

const edit = (key: string, value: unknown) => void useConfigStore.getState().edit([...DISCOVERY, key], value);

export function DiscoveryForm({ discovery, effective, issues }: Props) {
  const at = (key: string) => issuesUnder(issues, [...DISCOVERY, key]);
  const analyzedText = useConfigStore(formSourceText);
  return (
    <section className="config-section" aria-labelledby="config-discovery-title">
      <h2 id="config-discovery-title">
        Discovery <span className="config-path-hint mono">models.bedrockDiscovery</span>
      </h2>
      <Field label="enabled" issues={at('enabled')} effective={<Effective name="enabled" setting={effective?.enabled} />}>
        {({ id, invalid, describedBy }) => (
          <select
            id={id}
            className={`input ${invalid ? 'is-invalid' : ''}`}
            aria-invalid={invalid || undefined}
            aria-describedby={describedBy}
            value={discovery.enabled === undefined ? '' : String(discovery.enabled)}
            onChange={(event) => edit('enabled', event.target.value === '' ? undefined : event.target.value === 'true')}
          >
            <option value="">default (on when credentials are found)</option>
            <option value="true">on</option>
            <option value="false">off</option>
          </select>
        )}
      </Field>
      <Field label="region" issues={at('region')} effective={<Effective name="region" setting={effective?.region} />}>
        {({ id, invalid, describedBy }) => (
          <DraftInput
            id={id}
            value={shownValue(discovery.region, at('region'), analyzedText)}
            placeholder={DISCOVERY_DEFAULTS.region}
            invalid={invalid}
            describedBy={describedBy}
            onCommit={(text) => edit('region', text.trim() === '' ? undefined : text.trim())}
          />
        )}
      </Field>
      <Field
        label="providerFilter"
        issues={at('providerFilter')}
        effective={<Effective name="providerFilter" setting={effective?.providerFilter} />}
        extra={
          discovery.providerFilter && discovery.providerFilter.length > 0 ? (
            <span className="config-chips" aria-hidden="true">
              {discovery.providerFilter.map((name) => (
                <span key={name} className="chip">
                  {name}
                </span>
              ))}
            </span>
          ) : null
        }
      >
        {({ id, invalid, describedBy }) => (
          <DraftInput
            id={id}
            value={shownValue(discovery.providerFilter, at('providerFilter'), analyzedText)}
            placeholder={DISCOVERY_DEFAULTS.providerFilter}
            invalid={invalid}
            describedBy={describedBy}
            onCommit={(text) => edit('providerFilter', parseListField(text))}
          />
        )}
      </Field>
      <NumberField
        label="refreshInterval"
        path={[...DISCOVERY, 'refreshInterval']}
        value={discovery.refreshInterval}
        issues={at('refreshInterval')}
        placeholder={`${DISCOVERY_DEFAULTS.refreshInterval} (seconds; 0 = no cache)`}
        effective={<Effective name="refreshInterval" setting={effective?.refreshInterval} />}
      />
      <NumberField
        label="defaultContextWindow"
        path={[...DISCOVERY, 'defaultContextWindow']}
        value={discovery.defaultContextWindow}
        issues={at('defaultContextWindow')}
        placeholder={DISCOVERY_DEFAULTS.defaultContextWindow}
        effective={<Effective name="defaultContextWindow" setting={effective?.defaultContextWindow} />}
      />
      <NumberField
        label="defaultMaxTokens"
        path={[...DISCOVERY, 'defaultMaxTokens']}
        value={discovery.defaultMaxTokens}
        issues={at('defaultMaxTokens')}
        placeholder={DISCOVERY_DEFAULTS.defaultMaxTokens}
        effective={<Effective name="defaultMaxTokens" setting={effective?.defaultMaxTokens} />}
      />
    </section>
  );
}

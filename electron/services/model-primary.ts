// "Make primary": `agents.defaults.model.primary = "amazon-bedrock/<id>"`, written through the
// config service's format-preserving edit and validated atomic save, so only that value's text
// changes in the file (comments, order and every key we do not manage stay as they were).
import { appError, fail, ok, type Result } from '../../shared/errors';
import type { ConfigAnalysis, ConfigView } from '../../shared/types';
import { PROVIDER_ID } from './config-model';

export const PRIMARY_PATH = ['agents', 'defaults', 'model', 'primary'] as const;

export interface ConfigWriter {
  getConfig(): Promise<ConfigView>;
  editConfig(text: string, path: (string | number)[], value: unknown): Promise<Result<{ text: string } & ConfigAnalysis>>;
  saveConfig(request: { text: string; baseVersion: string }): Promise<Result<ConfigView>>;
}

export function primaryRef(modelId: string): string {
  return `${PROVIDER_ID}/${modelId}`;
}

export async function makePrimary(config: ConfigWriter, modelId: string): Promise<Result<ConfigView>> {
  const id = modelId.trim();
  if (!id) return fail(appError('InvalidModelId', 'No model id was given.', 'Pick a model from the list.'));
  // A save refused because the file changed in between is retried once on the new text.
  for (let attempt = 0; ; attempt++) {
    const view = await config.getConfig();
    if (view.parseError) {
      const { line, column, message } = view.parseError;
      return fail(appError('ConfigParseError', `The config file does not parse (line ${line}, column ${column}): ${message}`, `Fix ${view.path}:${line}:${column} first; Bedrock Desk leaves the file untouched.`));
    }
    if (view.primaryModel === primaryRef(id)) return ok(view); // already primary: no write
    const edited = await config.editConfig(view.text, [...PRIMARY_PATH], primaryRef(id));
    if (!edited.ok) return edited;
    const saved = await config.saveConfig({ text: edited.value.text, baseVersion: view.version });
    if (saved.ok || saved.error.code !== 'ConfigChangedOnDisk' || attempt > 0) return saved;
  }
}

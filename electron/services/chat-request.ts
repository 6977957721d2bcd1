// Turns a validated chat:start request into a ConverseStream input for one model, refusing up
// front what Bedrock would reject (or silently mishandle) with a message the user can act on:
// attachments the model cannot read, a thinking budget for a model without one, a "continue"
// (assistant-last) request for a model that cannot take a prefill.
import type { ContentBlock, ConverseStreamCommandInput, DocumentFormat, ImageFormat, Message } from '@aws-sdk/client-bedrock-runtime';
import type { ChatStartRequest } from '../../shared/ipc';
import { ATTACHMENT_LIMITS, type Attachment, type ModelSummary } from '../../shared/types';
import { appError, fail, ok, type AppError, type Result } from '../../shared/errors';
import { knownLimits } from './model-limits';
import type { KnownPrice } from './chat-cost';

export interface PreparedChat {
  req: ChatStartRequest;
  /** The id Converse is called with (the inference profile for profile-only models). */
  invokeId: string;
  input: ConverseStreamCommandInput;
  /** USD per million tokens, when known. */
  price?: KnownPrice;
}

/** What we know about the model called; `undefined` fields mean "unknown: let Bedrock decide". */
interface ModelFacts {
  label: string;
  input?: readonly string[];
  reasoning: boolean;
  maxTokens?: number;
  family: 'anthropic' | 'nova' | 'deepseek' | 'other';
  price?: KnownPrice;
}

const GEO = /^(us|eu|apac|jp|au|ca|us-gov|global)\./;

function familyOf(id: string): ModelFacts['family'] {
  const bare = id.replace(/^arn:[^/]*\//, '').replace(GEO, '').toLowerCase();
  if (bare.startsWith('anthropic.claude')) return 'anthropic';
  if (bare.startsWith('amazon.nova')) return 'nova';
  if (bare.startsWith('deepseek.')) return 'deepseek';
  return 'other';
}

function factsFor(modelId: string, invokeId: string, model: ModelSummary | undefined): ModelFacts {
  if (model) {
    return {
      label: model.name || model.id,
      input: model.input,
      reasoning: model.reasoning,
      maxTokens: model.maxTokens,
      family: familyOf(model.id),
      ...(model.cost ? { price: model.cost } : {}),
    };
  }
  // Not listed (discovery off, or an id typed by hand): AWS's published figures when we have them.
  const known = knownLimits(invokeId) ?? knownLimits(modelId);
  return {
    label: modelId,
    reasoning: known?.reasoning ?? false,
    ...(known ? { maxTokens: known.maxTokens } : {}),
    family: familyOf(invokeId),
    ...(known?.cost ? { price: known.cost } : {}),
  };
}

/**
 * Families that take document blocks in Converse (AWS: "Supported models and model features").
 * A model configured with `input: [..., "document"]` is trusted as well.
 */
const DOCUMENT_FAMILIES = /^(anthropic\.claude-(3|sonnet-4|opus-4|haiku-4)|amazon\.nova-(lite|pro|premier)|amazon\.titan-text|meta\.llama(3|4)|mistral\.(mistral-large|mistral-small|pixtral)|cohere\.command-r|ai21\.jamba)/;

function acceptsDocuments(modelId: string, facts: ModelFacts): boolean | undefined {
  if (facts.input?.includes('document')) return true;
  const bare = modelId.replace(/^arn:[^/]*\//, '').replace(GEO, '').toLowerCase();
  if (DOCUMENT_FAMILIES.test(bare)) return true;
  return facts.input ? false : undefined;
}

/** Prefill ("continue from here") is documented for Claude and Nova; other models reject or ignore it. */
const PREFILL_FAMILIES: ReadonlySet<ModelFacts['family']> = new Set(['anthropic', 'nova']);

const IMAGE_MAGIC: { format: ImageFormat; test: (b: Buffer) => boolean }[] = [
  { format: 'png', test: (b) => b.length > 8 && b.readUInt32BE(0) === 0x89504e47 },
  { format: 'jpeg', test: (b) => b.length > 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { format: 'gif', test: (b) => b.length > 6 && b.toString('latin1', 0, 4) === 'GIF8' },
  { format: 'webp', test: (b) => b.length > 12 && b.toString('latin1', 0, 4) === 'RIFF' && b.toString('latin1', 8, 12) === 'WEBP' },
];

/**
 * Bedrock allows only letters, digits, single spaces, hyphens, parentheses and square brackets in
 * a document name (1–200 chars), and names must differ within a request. The extension is dropped
 * (the format says it) and anything else becomes a space.
 */
export function documentName(fileName: string, taken: Set<string> = new Set()): string {
  const base = fileName.replace(/^.*[\\/]/, '').replace(/\.[A-Za-z0-9]{1,5}$/, '');
  let name = base.normalize('NFKD').replace(/[^A-Za-z0-9\s\-()[\]]/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 190).trim() || 'document';
  const stem = name;
  for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${stem} (${n})`;
  taken.add(name.toLowerCase());
  return name;
}

const mb = (bytes: number) => `${(bytes / 1_000_000).toFixed(2)} MB`;

function attachmentBlock(a: Attachment, facts: ModelFacts, modelId: string, taken: Set<string>): Result<ContentBlock> {
  const data = Buffer.from(a.dataBase64, 'base64');
  if (data.length === 0) return fail(appError('AttachmentEmpty', `"${a.name}" is empty.`, 'Attach a file with content.'));
  if (Math.abs(data.length - a.bytes) > 0) {
    return fail(appError('AttachmentCorrupt', `"${a.name}" did not arrive intact (${data.length} bytes instead of ${a.bytes}).`, 'Attach the file again.'));
  }
  if (a.kind === 'image') {
    if (facts.input && !facts.input.includes('image')) {
      return fail(appError('ImagesNotSupported', `${facts.label} does not accept images.`, 'Remove the image, or pick an image-capable model (the Models screen filters by input "image").'));
    }
    if (data.length > ATTACHMENT_LIMITS.imageBytes) {
      return fail(appError('AttachmentTooLarge', `Image "${a.name}" is ${mb(data.length)}; Bedrock accepts at most ${mb(ATTACHMENT_LIMITS.imageBytes)} per image.`, 'Resize or compress it, then attach it again.'));
    }
    // The bytes decide the format: a PNG saved as .jpg is still a PNG to the model.
    const format = IMAGE_MAGIC.find((m) => m.test(data))?.format;
    if (!format) return fail(appError('AttachmentUnreadable', `"${a.name}" is not a PNG, JPEG, GIF or WebP image.`, 'Convert it to one of those formats.'));
    return ok({ image: { format, source: { bytes: new Uint8Array(data) } } });
  }
  const documents = acceptsDocuments(modelId, facts);
  if (documents === false) {
    return fail(appError(
      'DocumentsNotSupported',
      `${facts.label} does not accept documents in Bedrock Converse.`,
      'Remove the document, or pick a model that reads documents (e.g. Claude, Nova Lite/Pro). If this model does, add "document" to its input in the config.',
    ));
  }
  if (data.length > ATTACHMENT_LIMITS.documentBytes) {
    return fail(appError('AttachmentTooLarge', `Document "${a.name}" is ${mb(data.length)}; Bedrock accepts at most ${mb(ATTACHMENT_LIMITS.documentBytes)} per document.`, 'Split or shorten it, then attach it again.'));
  }
  return ok({ document: { format: a.format as DocumentFormat, name: documentName(a.name, taken), source: { bytes: new Uint8Array(data) } } });
}

function messageBlocks(m: ChatStartRequest['messages'][number], isLast: boolean, facts: ModelFacts, modelId: string, taken: Set<string>): Result<ContentBlock[]> {
  const content: ContentBlock[] = [];
  // Bedrock rejects blank text blocks, and Claude rejects a final assistant turn ending in whitespace.
  const text = m.role === 'assistant' && isLast ? m.text.trimEnd() : m.text;
  for (const a of m.attachments ?? []) {
    if (m.role !== 'user') return fail(appError('InvalidAttachment', 'Only your own messages can carry attachments.', 'Attach the file to a user message.'));
    const block = attachmentBlock(a, facts, modelId, taken);
    if (!block.ok) return block;
    content.push(block.value);
  }
  // Text after the attachments: the documented order for images and documents.
  if (text.trim()) content.push({ text });
  if (content.length === 0) {
    return fail(appError('EmptyMessage', m.role === 'user' ? 'A message is empty.' : 'An answer in the conversation is empty.', m.role === 'user' ? 'Type a message or attach a file.' : 'Remove the empty answer before sending.'));
  }
  return ok(content);
}

const REASONING_DEFAULT_ANSWER_TOKENS = 4096;

/** Validates the request against the model and builds the ConverseStream input. */
export function prepareChat(req: ChatStartRequest, invokeId: string, model: ModelSummary | undefined): Result<PreparedChat> {
  const facts = factsFor(req.modelId, invokeId, model);
  const modelId = model?.id ?? req.modelId;
  if (req.messages.length === 0 || req.messages[0]?.role !== 'user') {
    return fail(appError('InvalidConversation', 'A conversation must start with a user message.', 'Start with your own message.'));
  }
  const attachments = req.messages.flatMap((m) => m.attachments ?? []);
  const images = attachments.filter((a) => a.kind === 'image').length;
  const documents = attachments.length - images;
  if (images > ATTACHMENT_LIMITS.images) {
    return fail(appError('TooManyAttachments', `The conversation carries ${images} images; Bedrock accepts at most ${ATTACHMENT_LIMITS.images} per request.`, 'Remove some images (earlier turns count too), or start a new conversation.'));
  }
  if (documents > ATTACHMENT_LIMITS.documents) {
    return fail(appError('TooManyAttachments', `The conversation carries ${documents} documents; Bedrock accepts at most ${ATTACHMENT_LIMITS.documents} per request.`, 'Remove some documents (earlier turns count too), or start a new conversation.'));
  }

  const prefill = req.messages.at(-1)?.role === 'assistant';
  const thinking = req.reasoningBudget !== undefined;
  if (prefill && !PREFILL_FAMILIES.has(facts.family)) {
    return fail(appError('ContinueNotSupported', `${facts.label} cannot continue a cut-off answer (Bedrock accepts an answer to continue only for Claude and Nova models).`, 'Ask it to continue in a new message instead, e.g. "Continue exactly where you stopped."'));
  }
  if (prefill && thinking) {
    return fail(appError('ContinueNotSupported', 'An answer cannot be continued with thinking enabled (Claude refuses a prefilled answer when thinking is on).', 'Continue without a thinking budget, or ask it to continue in a new message.'));
  }

  const taken = new Set<string>();
  const messages: Message[] = [];
  for (const [i, m] of req.messages.entries()) {
    const content = messageBlocks(m, i === req.messages.length - 1, facts, modelId, taken);
    if (!content.ok) return content;
    messages.push({ role: m.role, content: content.value });
  }

  const inferenceConfig: NonNullable<ConverseStreamCommandInput['inferenceConfig']> = {};
  if (req.maxTokens !== undefined) inferenceConfig.maxTokens = req.maxTokens;
  if (req.temperature !== undefined) inferenceConfig.temperature = req.temperature;
  if (req.topP !== undefined) inferenceConfig.topP = req.topP;
  if (req.stopSequences?.length) inferenceConfig.stopSequences = req.stopSequences;

  let additionalModelRequestFields: ConverseStreamCommandInput['additionalModelRequestFields'];
  if (thinking) {
    const budget = req.reasoningBudget as number;
    const refused = refuseThinking(facts, req, budget);
    if (refused) return fail(refused);
    // max_tokens must exceed the budget: leave room for the answer when the caller set none.
    if (inferenceConfig.maxTokens === undefined) {
      const wanted = budget + REASONING_DEFAULT_ANSWER_TOKENS;
      inferenceConfig.maxTokens = facts.maxTokens !== undefined ? Math.min(wanted, facts.maxTokens) : wanted;
    }
    if (inferenceConfig.maxTokens <= budget) {
      return fail(appError('InvalidReasoningBudget', `The thinking budget (${budget} tokens) must be smaller than max tokens (${inferenceConfig.maxTokens}).`, facts.maxTokens !== undefined ? `Lower the budget below ${facts.maxTokens}, or raise max tokens.` : 'Lower the budget or raise max tokens.'));
    }
    additionalModelRequestFields = { thinking: { type: 'enabled', budget_tokens: budget } };
  }

  return ok({
    req,
    invokeId,
    input: {
      modelId: invokeId,
      messages,
      ...(req.system?.trim() ? { system: [{ text: req.system }] } : {}),
      ...(Object.keys(inferenceConfig).length > 0 ? { inferenceConfig } : {}),
      ...(additionalModelRequestFields ? { additionalModelRequestFields } : {}),
    },
    ...(facts.price ? { price: facts.price } : {}),
  });
}

function refuseThinking(facts: ModelFacts, req: ChatStartRequest, budget: number): AppError | undefined {
  if (facts.family === 'deepseek') {
    return appError('ReasoningBudgetNotSupported', `${facts.label} always reasons and takes no thinking budget.`, 'Send without a thinking budget: its reasoning still arrives, shown apart.');
  }
  if (!facts.reasoning || facts.family !== 'anthropic') {
    return appError('ReasoningBudgetNotSupported', `${facts.label} does not take a thinking budget.`, 'Pick a model with reasoning (Claude 3.7 Sonnet, Claude Sonnet/Opus/Haiku 4 and later), or send without one.');
  }
  if (budget < 1024) return appError('InvalidReasoningBudget', 'A thinking budget must be at least 1,024 tokens.', 'Raise the budget to 1024 or more.');
  if (req.temperature !== undefined && req.temperature !== 1) {
    return appError('InvalidReasoningBudget', 'Claude does not accept a temperature with thinking enabled.', 'Leave temperature unset (or 1) when a thinking budget is set.');
  }
  if (req.topP !== undefined && req.topP < 0.95) {
    return appError('InvalidReasoningBudget', 'Claude accepts top-p only between 0.95 and 1 with thinking enabled.', 'Leave top-p unset (or ≥ 0.95) when a thinking budget is set.');
  }
  return undefined;
}

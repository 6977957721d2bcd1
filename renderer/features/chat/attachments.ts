// Files picked or dropped into the composer → Converse attachments, checked against what the model
// takes and Bedrock's limits before anything is sent, with a sentence saying why when not.
import { ATTACHMENT_LIMITS, DOCUMENT_FORMATS, IMAGE_FORMATS, type Attachment, type DocumentFormat, type ImageFormat, type ModelSummary } from '../../../shared/types';
import { formatBytes } from '../../ui/format';

const IMAGE_BY_EXTENSION: Record<string, ImageFormat> = { png: 'png', jpg: 'jpeg', jpeg: 'jpeg', gif: 'gif', webp: 'webp' };
const IMAGE_BY_MIME: Record<string, ImageFormat> = { 'image/png': 'png', 'image/jpeg': 'jpeg', 'image/gif': 'gif', 'image/webp': 'webp' };
const DOCUMENT_BY_EXTENSION: Record<string, DocumentFormat> = Object.fromEntries(DOCUMENT_FORMATS.map((f) => [f, f]));
DOCUMENT_BY_EXTENSION.htm = 'html';
DOCUMENT_BY_EXTENSION.markdown = 'md';

/** What the file picker offers. */
export const ACCEPT = [...Object.keys(IMAGE_BY_EXTENSION), ...Object.keys(DOCUMENT_BY_EXTENSION)].map((e) => `.${e}`).join(',');

export const takesImages = (model: ModelSummary | undefined): boolean => model?.input.includes('image') ?? false;

/**
 * Converse document blocks. Discovery only reports text/image modalities, so besides a configured
 * `document` input this follows the families AWS lists as supporting document chat.
 */
const DOCUMENT_FAMILIES = /(^|\.)(anthropic\.claude|amazon\.nova-(lite|pro|premier)|meta\.llama3|mistral\.(mistral-large|pixtral)|cohere\.command-r|ai21\.jamba)/;
export const takesDocuments = (model: ModelSummary | undefined): boolean =>
  !!model && (model.input.includes('document') || DOCUMENT_FAMILIES.test(model.id));

function extension(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot === -1 ? '' : name.slice(dot + 1).toLowerCase();
}

function toBase64(buffer: ArrayBuffer): string {
  const bytes = new Uint8Array(buffer);
  let binary = '';
  // Chunks keep String.fromCharCode's argument list small.
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export interface AddResult {
  added: Attachment[];
  problems: string[];
}

/** Reads `files` into attachments to add to `current`, refusing what the model or Bedrock would. */
export async function readAttachments(files: readonly File[], current: readonly Attachment[], model: ModelSummary | undefined): Promise<AddResult> {
  const added: Attachment[] = [];
  const problems: string[] = [];
  const modelName = model?.name ?? 'This model';
  const count = (kind: Attachment['kind']) => [...current, ...added].filter((a) => a.kind === kind).length;
  for (const file of files) {
    const ext = extension(file.name);
    const image = IMAGE_BY_MIME[file.type] ?? IMAGE_BY_EXTENSION[ext];
    const document = image ? undefined : DOCUMENT_BY_EXTENSION[ext];
    if (!image && !document) {
      problems.push(`${file.name}: not a type Bedrock takes (images: ${IMAGE_FORMATS.join(', ')}; documents: ${DOCUMENT_FORMATS.join(', ')}).`);
    } else if (image && !takesImages(model)) {
      problems.push(`${file.name}: ${modelName} does not take images — pick an image-capable model.`);
    } else if (document && !takesDocuments(model)) {
      problems.push(`${file.name}: ${modelName} does not take documents.`);
    } else if (file.size === 0) {
      problems.push(`${file.name}: the file is empty.`);
    } else if (image && file.size > ATTACHMENT_LIMITS.imageBytes) {
      problems.push(`${file.name} is ${formatBytes(file.size)}; Bedrock takes images up to ${formatBytes(ATTACHMENT_LIMITS.imageBytes)}.`);
    } else if (document && file.size > ATTACHMENT_LIMITS.documentBytes) {
      problems.push(`${file.name} is ${formatBytes(file.size)}; Bedrock takes documents up to ${formatBytes(ATTACHMENT_LIMITS.documentBytes)}.`);
    } else if (image && count('image') >= ATTACHMENT_LIMITS.images) {
      problems.push(`${file.name}: at most ${ATTACHMENT_LIMITS.images} images per message.`);
    } else if (document && count('document') >= ATTACHMENT_LIMITS.documents) {
      problems.push(`${file.name}: at most ${ATTACHMENT_LIMITS.documents} documents per message.`);
    } else {
      const dataBase64 = toBase64(await file.arrayBuffer());
      added.push(image ? { kind: 'image', name: file.name, format: image, bytes: file.size, dataBase64 } : { kind: 'document', name: file.name, format: document as DocumentFormat, bytes: file.size, dataBase64 });
    }
  }
  return { added, problems };
}

export const imageUrl = (attachment: Extract<Attachment, { kind: 'image' }>): string => `data:image/${attachment.format};base64,${attachment.dataBase64}`;

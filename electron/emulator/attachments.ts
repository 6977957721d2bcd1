// Image and document blocks of a Converse request: checked the way Bedrock checks them (the
// model's input modalities, formats, document names, sizes and counts) and summarised in the
// request record as byte length + sha256, so tests can prove the exact bytes arrived without
// keeping megabytes of base64 around in assertions.
import { createHash } from 'node:crypto';
import type { CatalogModel } from './catalog';
import { EmuError } from './http';

export interface RecordedAttachment {
  /** Index of the message in `messages`, and of the block in its `content`. */
  message: number;
  block: number;
  kind: 'image' | 'document';
  format: string;
  /** Document name as sent (images have none). */
  name?: string;
  /** Decoded length in bytes. */
  bytes: number;
  sha256: string;
}

const IMAGE_FORMATS = new Set(['png', 'jpeg', 'gif', 'webp']);
const DOCUMENT_FORMATS = new Set(['pdf', 'csv', 'doc', 'docx', 'xls', 'xlsx', 'html', 'txt', 'md']);
const LIMITS = { imageBytes: 3_750_000, images: 20, documentBytes: 4_500_000, documents: 5 };
const DOCUMENT_NAME = /^(?!.*\s\s)[A-Za-z0-9\s\-()[\]]{1,200}$/;

type Block = Record<string, unknown>;
const invalid = (message: string) => new EmuError(400, 'ValidationException', message);

function bytesOf(source: unknown, what: string): Buffer {
  const data = (source as { bytes?: unknown } | undefined)?.bytes;
  if (typeof data !== 'string' || data.length === 0) throw invalid(`The ${what} source must contain bytes.`);
  return Buffer.from(data, 'base64');
}

/** Validates every image/document block and returns what the request record keeps of them. */
export function inspectAttachments(messages: { role?: string; content?: Block[] }[], model: CatalogModel): RecordedAttachment[] {
  const out: RecordedAttachment[] = [];
  const names = new Set<string>();
  messages.forEach((m, message) => {
    (m.content ?? []).forEach((b, block) => {
      if ('image' in b) {
        const image = b.image as { format?: string; source?: unknown };
        if (!model.inputModalities.includes('IMAGE')) throw invalid("This model doesn't support the image content block that you provided.");
        if (!image.format || !IMAGE_FORMATS.has(image.format)) throw invalid(`The image format ${String(image.format)} is not supported.`);
        const data = bytesOf(image.source, 'image');
        if (data.length > LIMITS.imageBytes) throw invalid(`The image size must be less than ${LIMITS.imageBytes} bytes.`);
        out.push({ message, block, kind: 'image', format: image.format, bytes: data.length, sha256: createHash('sha256').update(data).digest('hex') });
      } else if ('document' in b) {
        const doc = b.document as { format?: string; name?: string; source?: unknown };
        if (!doc.format || !DOCUMENT_FORMATS.has(doc.format)) throw invalid(`The document format ${String(doc.format)} is not supported.`);
        if (typeof doc.name !== 'string' || !DOCUMENT_NAME.test(doc.name)) {
          throw invalid('The document file name can only contain alphanumeric characters, whitespace characters, hyphens, parentheses, and square brackets. The name can\'t contain more than one consecutive whitespace character.');
        }
        if (names.has(doc.name)) throw invalid(`Document names must be unique; "${doc.name}" appears twice.`);
        names.add(doc.name);
        const data = bytesOf(doc.source, 'document');
        if (data.length > LIMITS.documentBytes) throw invalid(`The document size must be less than ${LIMITS.documentBytes} bytes.`);
        out.push({ message, block, kind: 'document', format: doc.format, name: doc.name, bytes: data.length, sha256: createHash('sha256').update(data).digest('hex') });
      }
    });
  });
  if (out.filter((a) => a.kind === 'image').length > LIMITS.images) throw invalid(`Too many images: at most ${LIMITS.images} are allowed per request.`);
  if (out.filter((a) => a.kind === 'document').length > LIMITS.documents) throw invalid(`Too many documents: at most ${LIMITS.documents} are allowed per request.`);
  return out;
}

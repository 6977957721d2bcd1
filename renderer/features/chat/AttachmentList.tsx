// Thumbnails of images and chips of documents, in the composer (removable) and in the thread.
import type { Attachment } from '../../../shared/types';
import { formatBytes } from '../../ui/format';
import { imageUrl } from './attachments';

interface Props {
  attachments: readonly Attachment[];
  onRemove?: (index: number) => void;
}

export function AttachmentList({ attachments, onRemove }: Props) {
  if (attachments.length === 0) return null;
  return (
    <ul className="attachments" data-testid="attachments">
      {attachments.map((attachment, index) => (
        <li key={`${index}:${attachment.name}`} className={`attachment attachment-${attachment.kind}`} data-testid="attachment" title={`${attachment.name} — ${formatBytes(attachment.bytes)}`}>
          {attachment.kind === 'image' ? (
            <img className="attachment-thumb" src={imageUrl(attachment)} alt={attachment.name} />
          ) : (
            <span className="attachment-doc">
              <span className="attachment-format">{attachment.format.toUpperCase()}</span>
              <span className="attachment-name">{attachment.name}</span>
            </span>
          )}
          {onRemove && (
            <button type="button" className="attachment-remove" aria-label={`Remove ${attachment.name}`} onClick={() => onRemove(index)}>
              ×
            </button>
          )}
        </li>
      ))}
    </ul>
  );
}

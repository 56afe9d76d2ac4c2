/**
 * Where files come in: "Pilih berkas…" (several at once), "Pilih folder…" (a whole folder), and dropping
 * files or folders anywhere on the window (the overlay says so while dragging).
 */
import { useEffect, useRef, useState } from 'react';

interface Props {
  disabled: boolean;
  onFiles(list: FileList): void;
  onDrop(transfer: DataTransfer): void;
}

export function DropZone({ disabled, onFiles, onDrop }: Props) {
  const files = useRef<HTMLInputElement>(null);
  const folder = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);
  const dropRef = useRef(onDrop);
  dropRef.current = onDrop;

  useEffect(() => {
    // The whole window takes drops: an operator drags a flash disk's folder wherever the mouse happens to be.
    let depth = 0;
    const hasFiles = (e: DragEvent) => [...(e.dataTransfer?.types ?? [])].includes('Files');
    const enter = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      depth++;
      setDragging(true);
    };
    const over = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = disabled ? 'none' : 'copy';
    };
    const leave = () => {
      depth = Math.max(0, depth - 1);
      if (depth === 0) setDragging(false);
    };
    const drop = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth = 0;
      setDragging(false);
      if (!disabled && e.dataTransfer) dropRef.current(e.dataTransfer);
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragover', over);
    window.addEventListener('dragleave', leave);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragover', over);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('drop', drop);
    };
  }, [disabled]);

  const picked = (input: HTMLInputElement | null) => {
    if (!input?.files || input.files.length === 0) return;
    onFiles(input.files);
    input.value = '';
  };

  return (
    <>
      <div className="import-drop" data-testid="import-drop">
        <p className="import-drop-title">Seret foto, PDF, atau satu folder utuh ke jendela ini</p>
        <p className="import-drop-sub">JPEG, PNG, WebP, TIFF, HEIC, atau PDF C.Hasil (dipecah per halaman)</p>
        <div className="import-drop-buttons">
          <button type="button" disabled={disabled} onClick={() => files.current?.click()}>
            Pilih berkas…
          </button>
          <button type="button" disabled={disabled} onClick={() => folder.current?.click()}>
            Pilih folder…
          </button>
        </div>
        <input
          ref={files}
          type="file"
          multiple
          accept="image/*,application/pdf,.pdf,.heic,.heif,.tif,.tiff"
          hidden
          data-testid="import-file-input"
          onChange={() => picked(files.current)}
        />
        <input
          ref={(el) => {
            folder.current = el;
            // not a React prop: set it on the element so the picker chooses folders
            el?.setAttribute('webkitdirectory', '');
          }}
          type="file"
          multiple
          hidden
          data-testid="import-folder-input"
          onChange={() => picked(folder.current)}
        />
      </div>
      {dragging && (
        <div className="import-drag-overlay" aria-hidden="true">
          <span>Lepaskan untuk mengimpor</span>
        </div>
      )}
    </>
  );
}

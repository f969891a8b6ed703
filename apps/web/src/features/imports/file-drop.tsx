import { type DragEvent, useId, useState } from 'react';

const ACCEPT = '.csv,.tsv,.txt,.ofx,.qfx,.qif,text/csv,text/plain,application/x-ofx,application/qif';

/**
 * Choose a bank file, or drop one: the file input stays a real, focusable control (Tab, then Enter or
 * Space opens the picker), the area around it takes drops.
 */
export function FileDrop({
  fileName,
  disabled,
  onFile,
}: {
  fileName: string | null;
  disabled: boolean;
  onFile: (file: File) => void;
}) {
  const id = useId();
  const [dragging, setDragging] = useState(false);
  const over = (event: DragEvent) => {
    event.preventDefault();
    if (!disabled) setDragging(true);
  };
  const drop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    const file = event.dataTransfer.files[0];
    if (file && !disabled) onFile(file);
  };
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: the drop target for a mouse; the input inside is the control for everyone
    <div
      className={`drop-zone${dragging ? ' dragging' : ''}`}
      onDragOver={over}
      onDragEnter={over}
      onDragLeave={() => setDragging(false)}
      onDrop={drop}
      data-testid="drop-zone"
    >
      <input
        id={id}
        type="file"
        className="file-input"
        accept={ACCEPT}
        disabled={disabled}
        aria-describedby={`${id}-hint`}
        onChange={(event) => {
          const file = event.target.files?.[0];
          if (file) onFile(file);
          // Choosing the same file again still counts as a new choice.
          event.target.value = '';
        }}
      />
      <label htmlFor={id} className="button">
        {fileName ? 'Choose another file' : 'Choose a bank file'}
      </label>
      <p id={`${id}-hint`} className="muted">
        {fileName ? (
          <>
            <strong>{fileName}</strong> — or drop another one here.
          </>
        ) : (
          'or drop it here. CSV from any bank, OFX/QFX or QIF, up to 20 MB.'
        )}
      </p>
    </div>
  );
}

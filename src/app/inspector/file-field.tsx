// A file param: a button that opens the file picker, showing the chosen file's name. Several
// files may be picked (numbered pictures become an image sequence where the node reads them).

import { useRef } from 'react';

interface Props {
  id: string;
  label: string;
  value: string;
  accept: string;
  onFiles(files: File[]): void;
}

export function FileField({ id, label, value, accept, onFiles }: Props) {
  const input = useRef<HTMLInputElement>(null);
  const name = value ? (value.split('/').pop() ?? value) : '';
  return (
    <div className="file-field">
      <button id={id} type="button" onClick={() => input.current?.click()} aria-label={`${label}: ${name || 'no file chosen'} (choose file)`} title={value}>
        {name || 'Choose file…'}
      </button>
      <input
        ref={input}
        type="file"
        accept={accept}
        hidden
        multiple
        data-param-file={id}
        onChange={(e) => {
          const files = [...(e.target.files ?? [])];
          e.target.value = '';
          if (files.length) onFiles(files);
        }}
      />
    </div>
  );
}

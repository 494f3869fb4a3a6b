// A file param: a button that opens the file picker, showing the chosen file's name.

import { useRef } from 'react';

interface Props {
  id: string;
  label: string;
  value: string;
  accept: string;
  onFile(file: File): void;
}

export function FileField({ id, label, value, accept, onFile }: Props) {
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
        data-param-file={id}
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) onFile(file);
        }}
      />
    </div>
  );
}

// A "Folder…" button for a Video Source's file param: the browser's folder picker
// (webkitdirectory); the numbered pictures in the chosen folder become the node's image sequence.

import { useEffect, useRef } from 'react';
import { useFilesForParam } from './sequence-files.ts';

interface Props {
  nodeId: string;
  paramKey: string;
  label: string;
}

export function FolderButton({ nodeId, paramKey, label }: Props) {
  const input = useRef<HTMLInputElement>(null);
  // React's types know no `webkitdirectory`; every current browser reads the attribute.
  useEffect(() => input.current?.setAttribute('webkitdirectory', ''), []);
  return (
    <>
      <button type="button" onClick={() => input.current?.click()} aria-label={`${label}: choose a folder of numbered pictures (image sequence)`}>
        Folder…
      </button>
      <input
        ref={input}
        type="file"
        hidden
        multiple
        data-param-folder={`${nodeId}-${paramKey}`}
        onChange={(e) => {
          const files = [...(e.target.files ?? [])];
          e.target.value = '';
          if (files.length) void useFilesForParam(nodeId, paramKey, files);
        }}
      />
    </>
  );
}

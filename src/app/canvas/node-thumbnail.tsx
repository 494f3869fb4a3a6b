// The small live picture of a node's output at the current frame (dimmed when it is from
// another frame or an older graph; hidden while the node is in error).

import { useEffect, useRef } from 'react';
import { useStatusStore } from '../store/status-store.ts';
import { thumbnailOf, useThumbnailStore } from '../store/thumbnail-store.ts';

export function NodeThumbnail({ nodeId }: { nodeId: string }) {
  const version = useThumbnailStore((s) => s.versions[nodeId] ?? 0);
  const canvas = useRef<HTMLCanvasElement>(null);
  // A node in error shows its message, not a picture from before the error.
  const failed = useStatusStore((s) => s.byNode[nodeId]?.state === 'error');
  const thumb = version && !failed ? thumbnailOf(nodeId) : undefined;
  useEffect(() => {
    const c = canvas.current;
    if (!c || !thumb) return;
    c.width = thumb.image.width;
    c.height = thumb.image.height;
    c.getContext('2d')?.putImageData(thumb.image, 0, 0);
  }, [thumb, version]);
  if (!thumb) return null;
  return (
    <div className={`graph-node-thumb${thumb.current ? '' : ' stale'}`}>
      <canvas
        ref={canvas}
        role="img"
        aria-label={`${nodeId} output at frame ${thumb.frame}${thumb.current ? '' : ' (not current)'}`}
        data-testid={`thumb-${nodeId}`}
        data-frame={thumb.frame}
        data-current={thumb.current}
      />
    </div>
  );
}

// The frame slider under the viewer: 0..frameCount-1 of the clip feeding the viewed node.

import { useViewerStore } from '../store/viewer-store.ts';

const formatTime = (seconds: number) => {
  const m = Math.floor(seconds / 60);
  const s = seconds - m * 60;
  return `${m}:${s.toFixed(2).padStart(5, '0')}`;
};

export function FrameBar() {
  const frame = useViewerStore((s) => s.frame);
  const frameCount = useViewerStore((s) => s.frameCount);
  const fps = useViewerStore((s) => s.fps);
  const setFrame = useViewerStore((s) => s.setFrame);
  const last = Math.max(0, (frameCount ?? 1) - 1);
  return (
    <div className="frame-bar">
      <button type="button" aria-label="Previous frame" disabled={!frameCount || frame <= 0} onClick={() => setFrame(frame - 1)}>
        ◀
      </button>
      <input
        type="range"
        aria-label="Frame"
        min={0}
        max={last}
        step={1}
        value={Math.min(frame, last)}
        disabled={!frameCount}
        onChange={(e) => setFrame(Number(e.target.value))}
      />
      <button type="button" aria-label="Next frame" disabled={!frameCount || frame >= last} onClick={() => setFrame(frame + 1)}>
        ▶
      </button>
      <span className="frame-number" aria-live="off" data-testid="frame-number">
        {frameCount ? `frame ${frame} / ${last}` : 'no clip'}
        {frameCount && fps ? ` · ${formatTime(frame / fps)}` : ''}
      </span>
    </div>
  );
}

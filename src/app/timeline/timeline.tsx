// The timeline under the viewer: transport buttons, the frame slider with the in/out range
// marked, frame number and timecode, in/out controls, and the playback rate reached (said
// plainly when the graph is slower than the clip; "live" while a camera feeds the viewer).

import { activeRange, useTimelineStore } from '../store/timeline-store.ts';
import { timecode } from './timecode.ts';
import { clearInOut, goToIn, goToOut, setIn, setOut, step, togglePlay } from './transport.ts';
import { useViewerStore } from '../store/viewer-store.ts';
import { playingSpeed, usePlayback } from './use-playback.ts';

function PlaybackRate() {
  const speed = useTimelineStore((s) => s.speed);
  const live = useViewerStore((s) => s.live);
  const fps = useTimelineStore((s) => s.fps);
  const reached = useTimelineStore((s) => s.reachedFps);
  const evalMs = useTimelineStore((s) => s.evalMs);
  const playing = playingSpeed({ speed }, live);
  if (!playing) return null;
  // A live source plays by itself: say so, rather than show a play button that was never pressed.
  const direction = live && !speed ? '● live' : playing > 0 ? '▶' : '◀';
  const mult = Math.abs(playing) > 1 ? ` ×${Math.abs(playing)}` : '';
  const source = live && !speed ? 'camera' : 'clip';
  if (reached === undefined || !fps) {
    return <span className="playback-rate" data-testid="playback-rate" role="status">{direction}{mult} {live && !speed ? '' : 'playing…'}</span>;
  }
  const target = fps * Math.abs(playing);
  const slow = reached < target * 0.9;
  return (
    <span className={`playback-rate${slow ? ' slow' : ''}`} data-testid="playback-rate" role="status">
      {direction}{mult} {reached.toFixed(1)} fps
      {slow
        ? ` — slower than the ${source}'s ${fps.toFixed(fps % 1 ? 2 : 0)} fps: the graph takes ${Math.round(evalMs ?? 0)} ms per frame`
        : ` (${source} ${fps.toFixed(fps % 1 ? 2 : 0)} fps)`}
    </span>
  );
}

export function Timeline() {
  usePlayback();
  const frame = useTimelineStore((s) => s.frame);
  const frameCount = useTimelineStore((s) => s.frameCount);
  const fps = useTimelineStore((s) => s.fps);
  const inPoint = useTimelineStore((s) => s.inPoint);
  const outPoint = useTimelineStore((s) => s.outPoint);
  const speed = useTimelineStore((s) => s.speed);
  const last = Math.max(0, (frameCount ?? 1) - 1);
  const range = activeRange({ frameCount, inPoint, outPoint });
  const hasRange = inPoint !== undefined || outPoint !== undefined;
  const pct = (f: number) => (last ? (f / last) * 100 : 0);
  const none = !frameCount;
  return (
    <div className="timeline" aria-label="Timeline" role="group">
      <div className="timeline-row">
        <button type="button" aria-label="Go to in point" title="Go to in point (Home)" disabled={none} onClick={goToIn}>⇤</button>
        <button type="button" aria-label="Previous frame" title="Previous frame (←)" disabled={none || frame <= 0} onClick={() => step(-1)}>◀︎|</button>
        <button type="button" aria-label={speed ? 'Pause' : 'Play'} title="Play/pause (Space; J/K/L shuttle)" disabled={none} onClick={togglePlay} className="play">
          {speed ? '❚❚' : '▶'}
        </button>
        <button type="button" aria-label="Next frame" title="Next frame (→)" disabled={none || frame >= last} onClick={() => step(1)}>|▶︎</button>
        <button type="button" aria-label="Go to out point" title="Go to out point (End)" disabled={none} onClick={goToOut}>⇥</button>
        <div className="frame-track">
          {hasRange && !none && (
            <div className="in-out-range" style={{ left: `${pct(range.first)}%`, width: `${pct(range.last) - pct(range.first)}%` }} />
          )}
          <input
            type="range"
            aria-label="Frame"
            min={0}
            max={last}
            step={1}
            value={Math.min(frame, last)}
            disabled={none}
            onChange={(e) => useTimelineStore.getState().setFrame(Number(e.target.value))}
          />
        </div>
      </div>
      <div className="timeline-row">
        <span className="frame-number" data-testid="frame-number">
          {frameCount ? `frame ${frame} / ${last}` : 'no clip'}
          {frameCount && fps ? ` · ${timecode(frame, fps)}` : ''}
        </span>
        <span className="in-out" data-testid="in-out">
          <button type="button" disabled={none} onClick={setIn} title="Set the in point to this frame (I)" aria-label="Set in point">I</button>
          <button type="button" disabled={none} onClick={setOut} title="Set the out point to this frame (O)" aria-label="Set out point">O</button>
          {hasRange ? (
            <>
              <span className="in-out-text">in {range.first} · out {range.last} ({range.last - range.first + 1} frames)</span>
              <button type="button" onClick={clearInOut} aria-label="Clear in and out points" title="Clear in/out">×</button>
            </>
          ) : (
            <span className="in-out-text muted">{none ? '' : 'whole clip'}</span>
          )}
        </span>
        <PlaybackRate />
      </div>
    </div>
  );
}

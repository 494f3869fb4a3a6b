// Counts the VideoFrames Mattegraph holds open. Every frame a decoder, the camera or the export
// makes is adopted here the moment it exists; its `close()` then counts it down exactly once.
// Tests and the status bar read `openVideoFrameCount()`: it must be 0 after a render or a cancel.

let open = 0;

/** Frames adopted and not yet closed. */
export const openVideoFrameCount = (): number => open;

/** Starts counting `frame` and returns it; closing it (once or more) stops counting it. */
export function adoptFrame<F extends VideoFrame>(frame: F): F {
  open++;
  let counted = true;
  const close = frame.close.bind(frame);
  Object.defineProperty(frame, 'close', {
    configurable: true,
    value: () => {
      if (counted) {
        counted = false;
        open--;
      }
      close();
    },
  });
  return frame;
}

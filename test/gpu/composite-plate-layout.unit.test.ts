// Where the Composite puts a plate of another size: the numbers a compositor would work out by hand.

import { describe, expect, it } from 'vitest';
import { plateLayout } from '../../nodes/composite/plate-layout.ts';

const frame = { width: 1920, height: 1080 };

describe('plateLayout', () => {
  it('stretches to cover the frame exactly by default', () => {
    expect(plateLayout({ width: 640, height: 480 }, frame, 'stretch', 'center', 0, 0))
      .toEqual({ scaleX: 3, scaleY: 2.25, left: 0, top: 0, width: 1920, height: 1080 });
  });

  it('fits a 4:3 plate into 16:9 with pillar bars, centred or kept to a side', () => {
    expect(plateLayout({ width: 640, height: 480 }, frame, 'fit', 'center', 0, 0))
      .toEqual({ scaleX: 2.25, scaleY: 2.25, left: 240, top: 0, width: 1440, height: 1080 });
    expect(plateLayout({ width: 640, height: 480 }, frame, 'fit', 'right', 0, 0).left).toBe(480);
    expect(plateLayout({ width: 640, height: 480 }, frame, 'fit', 'top-left', 0, 0).left).toBe(0);
  });

  it('fills a 16:9 frame with a 4:3 plate, cropping top and bottom', () => {
    const l = plateLayout({ width: 640, height: 480 }, frame, 'fill', 'center', 0, 0);
    expect(l).toEqual({ scaleX: 3, scaleY: 3, left: 0, top: -180, width: 1920, height: 1440 });
    expect(plateLayout({ width: 640, height: 480 }, frame, 'fill', 'bottom', 0, 0).top).toBe(-360);
  });

  it('leaves an unscaled plate on whole pixels and moves it with y up, as Nuke does', () => {
    const l = plateLayout({ width: 101, height: 51 }, { width: 200, height: 100 }, 'none', 'center', 10, 5);
    // (200 − 101) / 2 = 49.5 rounds to a whole pixel; +10 right; 5 up is −5 in rows.
    expect(l).toEqual({ scaleX: 1, scaleY: 1, left: 60, top: 20, width: 101, height: 51 });
  });
});

// Canvas view commands usable from outside React (keyboard shortcuts): frame all.

let fitAll: (() => void) | undefined;

export function registerFrameAll(fn: (() => void) | undefined): void {
  fitAll = fn;
}

export function frameAll(): void {
  fitAll?.();
}

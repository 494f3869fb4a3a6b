// Where the mouse last was over the graph canvas (screen and graph coordinates), so keyboard
// commands can act "at the cursor": add a node, paste.

export interface CanvasPointer {
  client: { x: number; y: number };
  flow: { x: number; y: number };
}

let pointer: CanvasPointer | undefined;

export function setCanvasPointer(p: CanvasPointer | undefined): void {
  pointer = p;
}

/** The pointer's place when it is over the canvas now, else undefined. */
export function canvasPointer(): CanvasPointer | undefined {
  return pointer;
}

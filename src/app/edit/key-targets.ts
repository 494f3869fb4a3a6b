// Whether a key press belongs to the focused control (typing, a slider's arrows, a button's
// Space) rather than to the editor's shortcuts.

const NON_TEXT_INPUTS = new Set(['range', 'checkbox', 'radio', 'button', 'submit', 'reset', 'color', 'file']);

/** A control the user types into: its keys (letters, Ctrl+Z, Ctrl+C…) are its own. */
export function isTextEntry(el: Element | null): boolean {
  if (!el) return false;
  if (el instanceof HTMLInputElement) return !NON_TEXT_INPUTS.has(el.type);
  return el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement || (el as HTMLElement).isContentEditable;
}

/** True when the focused control uses `key` itself (arrows on a slider, Space on a button…). */
export function controlOwnsKey(el: Element | null, key: string): boolean {
  if (!el || el === document.body) return false;
  if (isTextEntry(el)) return true;
  if (el instanceof HTMLInputElement && el.type === 'range') {
    return ['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Home', 'End', 'PageUp', 'PageDown'].includes(key);
  }
  const role = el.getAttribute('role');
  if (role === 'slider') return key.startsWith('Arrow') || key === 'Home' || key === 'End';
  if (el instanceof HTMLButtonElement || el instanceof HTMLInputElement || role === 'button' || role === 'option') {
    // A button clicked with the mouse keeps focus but the user is not "on" it: Space still plays.
    return (key === ' ' || key === 'Enter') && el.matches(':focus-visible');
  }
  return false;
}

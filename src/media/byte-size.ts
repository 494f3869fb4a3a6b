// File sizes in user-facing messages, in units that suit them, so a cut-off short clip does not
// read "0.0 MB of 0.0 MB".

/** `1.2 MB`, `45 KB`, or `310 bytes`. */
export function byteSize(n: number): string {
  if (n >= 1e6) return `${(n / 1e6).toFixed(1)} MB`;
  if (n >= 1e3) return `${Math.round(n / 1e3)} KB`;
  return `${n} bytes`;
}

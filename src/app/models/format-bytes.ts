// Sizes as a user reads them: "14.3 MB" (decimal megabytes, as file managers show them).

export function formatBytes(n: number | null | undefined): string {
  if (n === null || n === undefined) return 'size unknown';
  if (n < 1000) return `${n} B`;
  if (n < 1e6) return `${(n / 1e3).toFixed(1)} kB`;
  if (n < 1e9) return `${(n / 1e6).toFixed(1)} MB`;
  return `${(n / 1e9).toFixed(2)} GB`;
}

// What a file the user gave us is, judged by its name and MIME type, and whether a file
// param's `accept` list (".mp4,video/*") takes it.

export type FileKind = 'video' | 'model' | 'image' | 'graph' | 'other';

const ext = (name: string) => (name.match(/\.[^./]+$/)?.[0] ?? '').toLowerCase();

export function fileKind(file: { name: string; type: string }): FileKind {
  const e = ext(file.name);
  if (e === '.onnx') return 'model';
  if (e === '.json') return 'graph';
  if (file.type.startsWith('video/') || ['.mp4', '.m4v', '.mov', '.webm', '.mkv'].includes(e)) return 'video';
  if (file.type.startsWith('image/') || ['.png', '.jpg', '.jpeg', '.webp'].includes(e)) return 'image';
  return 'other';
}

export function accepts(accept: string, file: { name: string; type: string }): boolean {
  const items = accept.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);
  if (!items.length) return true;
  const e = ext(file.name);
  const mime = file.type.toLowerCase();
  return items.some((a) =>
    a.startsWith('.') ? a === e : a.endsWith('/*') ? mime.startsWith(a.slice(0, -1)) : a === mime,
  );
}

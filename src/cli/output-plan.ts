// What `--out` means for a render: a file whose extension names the container (.mp4/.mov,
// .webm), or a folder (a trailing slash, or one that exists) for an RGBA PNG sequence. When the
// Export node does not set its format, --out chooses it; when it does, the two must agree.

import { statSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { EXPORT_FORMATS, type ExportFormat } from '../media/export-settings.ts';
import { CliError } from './cli-error.ts';

export interface OutputPlan {
  kind: 'file' | 'folder';
  /** The format the page must use when the graph leaves it open (undefined: the node's own). */
  format?: ExportFormat;
  /** Base name the export names its files after (`clip.mp4`, or the folder's name). */
  outputName: string;
}

const CONTAINER_OF: Record<ExportFormat, 'mp4' | 'webm' | 'png'> = {
  mp4: 'mp4', 'matte-pair': 'mp4', webm: 'webm', 'webm-alpha': 'webm', 'png-sequence': 'png',
};

function isFolder(out: string, absolute: string): boolean {
  if (out.endsWith('/') || out.endsWith('\\')) return true;
  try {
    return statSync(absolute).isDirectory();
  } catch {
    return false;
  }
}

/**
 * `out` as typed, `absolute` resolved; `format` is the Export node's format param when the graph
 * file or a --set gives one, else undefined.
 */
export function planOutput(out: string, absolute: string, format: string | undefined, exportId: string): OutputPlan {
  if (format !== undefined && !EXPORT_FORMATS.some((f) => f.value === format)) return { kind: 'file', outputName: basename(absolute) };
  const setIt = (f: ExportFormat) => `--set ${exportId}.format=${f}`;
  if (isFolder(out, absolute)) {
    if (format !== undefined && format !== 'png-sequence') {
      throw new CliError(`--out ${out} is a folder, which takes a PNG sequence, but ${exportId} writes ${format}: ` +
        `give a file name, or ${setIt('png-sequence')}`);
    }
    return { kind: 'folder', format: format === undefined ? 'png-sequence' : undefined, outputName: basename(absolute) || 'frames' };
  }
  const ext = extname(absolute).toLowerCase();
  const wanted = ext === '.webm' ? 'webm' : ext === '.mp4' || ext === '.m4v' || ext === '.mov' ? 'mp4' : undefined;
  if (!wanted) {
    throw new CliError(`--out ${out}: name the file .mp4 or .webm, or give a folder (ending in /) for a PNG sequence`);
  }
  if (format === undefined) return { kind: 'file', format: wanted === 'webm' ? 'webm' : undefined, outputName: basename(absolute) };
  const container = CONTAINER_OF[format as ExportFormat];
  if (container === 'png') {
    throw new CliError(`${exportId} writes a PNG sequence: give a folder, e.g. --out ${out.replace(/\.[^./]+$/, '')}/`);
  }
  if (container !== wanted) {
    const other = wanted === 'webm' ? 'webm' : 'mp4';
    throw new CliError(`--out ${out} names a ${wanted === 'webm' ? 'WebM' : 'MP4'} file, but ${exportId} writes ${format} ` +
      `(${container === 'webm' ? 'WebM' : 'MP4'}): change the extension, or ${setIt(other)}`);
  }
  return { kind: 'file', outputName: basename(absolute) };
}

/** The Export node's id and explicit `format` param in a prepared graph's JSON, if it has one Export. */
export function exportNodeFormat(graphText: string): { id: string; format?: string } | undefined {
  const raw = JSON.parse(graphText) as { nodes?: unknown } | null;
  // A graph without a proper node list is refused by parseGraph in the page, which names the problem.
  const nodes = Array.isArray(raw?.nodes) ? raw.nodes as ({ id?: unknown; type?: unknown; params?: unknown } | null)[] : [];
  const exports = nodes.filter((n) => n && typeof n === 'object' && n.type === 'Export');
  if (exports.length !== 1) return undefined;
  const params = exports[0]!.params;
  const f = params && typeof params === 'object' ? (params as Record<string, unknown>).format : undefined;
  return { id: String(exports[0]!.id), format: typeof f === 'string' ? f : undefined };
}

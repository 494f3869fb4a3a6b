// Turns a `--set` value typed on the command line into a param value. Text that looks like a
// number, true/false or `auto` becomes one, unless the param's kind says it is text anyway.

import type { ParamSpec, ParamValue } from '../graph/types.ts';

export type ParamKind = ParamSpec['kind'];

const numberLike = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
const textKinds: readonly ParamKind[] = ['string', 'file', 'color', 'enum', 'model'];

export function parseParamValue(text: string, kind?: ParamKind): ParamValue {
  if (kind && textKinds.includes(kind)) return text;
  if (text === 'true') return true;
  if (text === 'false') return false;
  if (text === 'auto') return 'auto';
  if (numberLike.test(text)) return Number(text);
  return text;
}

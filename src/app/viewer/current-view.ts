// The pictures now on screen (outside React: the probe reads them on every mouse move).

import type { ViewedPicture } from './compose-view.ts';

export interface CurrentView {
  frame: number;
  a: ViewedPicture;
  b?: ViewedPicture;
  aNode: string;
  bNode?: string;
}

let current: CurrentView | undefined;

export const currentView = (): CurrentView | undefined => current;

export function setCurrentView(view: CurrentView | undefined): void {
  current = view;
}

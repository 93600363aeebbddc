/**
 * @napi-rs/canvas, imported once at its first use: the simulators draw printed tickets and
 * compare faces with it, but a demo kiosk's start needs neither, so it is not read then.
 */
import type * as CanvasModule from '@napi-rs/canvas';

let loading: Promise<typeof CanvasModule> | null = null;

export function loadCanvas(): Promise<typeof CanvasModule> {
  return (loading ??= import('@napi-rs/canvas'));
}

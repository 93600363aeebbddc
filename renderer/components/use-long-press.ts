import { useEffect, useRef } from 'react';

/**
 * A long press (touch or mouse) held still for `ms`: the hidden way in for hall staff,
 * which a citizen tapping around will not hit by chance.
 */
export function useLongPress(ms: number, onLongPress: () => void) {
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const callback = useRef(onLongPress);
  callback.current = onLongPress;
  const cancel = () => {
    if (timer.current !== null) clearTimeout(timer.current);
    timer.current = null;
  };
  useEffect(() => cancel, []);
  return {
    onPointerDown: () => {
      cancel();
      timer.current = setTimeout(() => {
        timer.current = null;
        callback.current();
      }, ms);
    },
    onPointerUp: cancel,
    onPointerLeave: cancel,
    onPointerCancel: cancel,
    onContextMenu: (e: { preventDefault(): void }) => e.preventDefault(),
  };
}

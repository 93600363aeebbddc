import { useCallback, useEffect, useRef, useState } from 'react';

/**
 * A deliberate gesture: press and hold for `holdMs` while a ring fills. Letting go early
 * cancels. Works with touch, mouse and the keyboard (hold Space or Enter).
 */
export function HoldToConfirm({ label, holdMs = 2000, onConfirm, testId }: { label: string; holdMs?: number; onConfirm: () => void; testId?: string }) {
  const [progress, setProgress] = useState(0);
  const started = useRef<number | null>(null);
  const frame = useRef<number | null>(null);
  const confirmRef = useRef(onConfirm);
  confirmRef.current = onConfirm;

  const stop = useCallback(() => {
    if (frame.current !== null) cancelAnimationFrame(frame.current);
    frame.current = null;
    started.current = null;
    setProgress(0);
  }, []);

  const tick = useCallback(() => {
    if (started.current === null) return;
    const p = Math.min(1, (performance.now() - started.current) / holdMs);
    setProgress(p);
    if (p >= 1) {
      stop();
      confirmRef.current();
      return;
    }
    frame.current = requestAnimationFrame(tick);
  }, [holdMs, stop]);

  const start = useCallback(() => {
    if (started.current !== null) return;
    started.current = performance.now();
    frame.current = requestAnimationFrame(tick);
  }, [tick]);

  useEffect(() => stop, [stop]);

  const radius = 44;
  const circumference = 2 * Math.PI * radius;
  return (
    <button
      type="button"
      className="hold-button"
      data-testid={testId}
      data-progress={Math.round(progress * 100)}
      aria-label={label}
      onPointerDown={(e) => {
        e.currentTarget.setPointerCapture?.(e.pointerId);
        start();
      }}
      onPointerUp={stop}
      onPointerCancel={stop}
      onPointerLeave={stop}
      onKeyDown={(e) => {
        if (e.key === ' ' || e.key === 'Enter') {
          e.preventDefault();
          if (!e.repeat) start();
        }
      }}
      onKeyUp={(e) => {
        if (e.key === ' ' || e.key === 'Enter') stop();
      }}
      onBlur={stop}
      onContextMenu={(e) => e.preventDefault()}
    >
      <svg className="hold-ring" viewBox="0 0 100 100" aria-hidden="true">
        <circle cx="50" cy="50" r={radius} className="hold-track" />
        <circle
          cx="50"
          cy="50"
          r={radius}
          className="hold-progress"
          strokeDasharray={circumference}
          strokeDashoffset={circumference * (1 - progress)}
          transform="rotate(-90 50 50)"
        />
      </svg>
      <span className="hold-label">{label}</span>
    </button>
  );
}

import { useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { useT } from '../hooks.js';

interface Overflow {
  above: boolean;
  below: boolean;
}

/**
 * Content that can grow past the screen (long matter lists, 代办 principals, bundles, proof
 * lists) scrolls here, in its own box, so the screen's actions stay in view. While more lies
 * below than shows, a fade and a "more below" hint say so (and a fade at the top once
 * scrolled); they appear only when the content overflows. Measured on every resize of the
 * box or of its content, and on scroll.
 */
export function ScrollRegion({ children, className = '', testId }: { children: ReactNode; className?: string; testId?: string }) {
  const t = useT();
  const body = useRef<HTMLDivElement>(null);
  const content = useRef<HTMLDivElement>(null);
  const [overflow, setOverflow] = useState<Overflow>({ above: false, below: false });
  useLayoutEffect(() => {
    const box = body.current;
    const inner = content.current;
    if (!box || !inner) return;
    const measure = () => {
      const above = box.scrollTop > 1;
      const below = box.scrollTop + box.clientHeight < box.scrollHeight - 1;
      setOverflow((o) => (o.above === above && o.below === below ? o : { above, below }));
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(box);
    observer.observe(inner);
    box.addEventListener('scroll', measure, { passive: true });
    return () => {
      observer.disconnect();
      box.removeEventListener('scroll', measure);
    };
  }, []);
  const scrolls = overflow.above || overflow.below;
  return (
    <div className={`scroll-region ${className}`} data-testid={testId} data-more-above={overflow.above} data-more-below={overflow.below}>
      {/* Focusable only while it scrolls: then arrow keys and Page Down move it. */}
      <div className="scroll-body" ref={body} tabIndex={scrolls ? 0 : undefined}>
        <div className="scroll-content" ref={content}>
          {children}
        </div>
      </div>
      {overflow.below && (
        <div className="scroll-cue" aria-hidden="true">
          <span className="scroll-cue-text">{t('ui.moreBelow')}</span>
        </div>
      )}
    </div>
  );
}

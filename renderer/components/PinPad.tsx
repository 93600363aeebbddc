import { useEffect, useRef, useState } from 'react';
import { useT } from '../hooks.js';
import { MAINTENANCE_PIN_MIN_DIGITS } from '../../electron/common/contract.js';

const MAX_DIGITS = 12;
const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', 'delete', '0', 'ok'] as const;

/**
 * The staff PIN pad: digits as dots, never echoed; a hall keyboard's digits, Backspace
 * and Enter work too. The PIN leaves the pad only on 确定 and is forgotten right after.
 */
export function PinPad({ busy, onSubmit }: { busy: boolean; onSubmit: (pin: string) => void }) {
  const t = useT();
  const [pin, setPin] = useState('');
  const press = (key: (typeof KEYS)[number]) => {
    if (busy) return;
    if (key === 'delete') setPin((p) => p.slice(0, -1));
    else if (key === 'ok') {
      if (pin.length >= MAINTENANCE_PIN_MIN_DIGITS) onSubmit(pin);
      setPin('');
    } else setPin((p) => (p.length < MAX_DIGITS ? p + key : p));
  };
  // The key listener is registered once and always presses with the current PIN.
  const pressRef = useRef(press);
  pressRef.current = press;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (/^\d$/.test(e.key)) pressRef.current(e.key as (typeof KEYS)[number]);
      else if (e.key === 'Backspace') pressRef.current('delete');
      else if (e.key === 'Enter' && (e.target as HTMLElement | null)?.tagName !== 'BUTTON') pressRef.current('ok');
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  return (
    <div className="pin-pad">
      {/* role="status": a plain <p> may not carry aria-label (axe aria-prohibited-attr); the count is what is said, never the digits. */}
      <p className="pin-dots" role="status" data-testid="pin-dots" data-length={pin.length} aria-label={t('maintenance.pinEntered', { n: pin.length })}>
        {'●'.repeat(pin.length) || '\u00a0'}
      </p>
      <div className="pin-keys">
        {KEYS.map((key) => (
          <button
            key={key}
            type="button"
            className={`pin-key ${key === 'ok' ? 'ok' : ''}`}
            data-testid={`pin-${key}`}
            disabled={busy || (key === 'ok' && pin.length < MAINTENANCE_PIN_MIN_DIGITS)}
            onClick={() => press(key)}
          >
            {key === 'delete' ? t('maintenance.delete') : key === 'ok' ? t('maintenance.ok') : key}
          </button>
        ))}
      </div>
    </div>
  );
}

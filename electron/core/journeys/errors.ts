/** Typed refusals of a journey step: `code` reaches the renderer, which says it in plain words. */
export class JourneyError extends Error {
  constructor(
    readonly code:
      | 'no-session'
      | 'unknown-matter'
      | 'not-at-kiosk'
      | 'commitment-required'
      | 'not-eligible'
      | 'unknown-appointment'
      | 'unknown-print-job'
      | 'store-full'
      | 'not-in-proxy-mode'
      | 'maintenance-locked'
      | 'evaluation-not-allowed'
      // The matter needs another identification than this session's (assurance.ts): the page asks for that step.
      | 'needs-card'
      | 'needs-face'
      | 'needs-code',
    message: string,
  ) {
    super(message);
    this.name = 'JourneyError';
  }
}

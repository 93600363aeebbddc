/**
 * What can go wrong reading a citizen card, as typed errors. `message` is for
 * installers and logs (English, says what to do); `citizenMessage` is the plain
 * Chinese sentence the kiosk may show to the citizen.
 */
export type CitizenCardErrorCode =
  | 'wrong-card' // not a social-security card (bank card, transport card…)
  | 'card-locked' // application blocked by the issuer
  | 'unsupported-version' // a spec version this kiosk does not read
  | 'read-failed' // a record could not be read or is malformed
  | 'card-removed' // the card left the reader mid-read
  | 'reader-unavailable' // reader absent, pcscd down, port closed
  | 'reader-timeout' // the reader did not answer in time
  | 'reader-error'; // the reader answered with an error or garbage

const citizenMessages: Record<CitizenCardErrorCode, string> = {
  'wrong-card': '这张卡不是社会保障卡，请插入社保卡或市民卡。',
  'card-locked': '您的社保卡已被锁定，请到人工窗口办理。',
  'unsupported-version': '暂不支持此版本的社保卡，请到人工窗口办理。',
  'read-failed': '读卡失败，请取出卡片后重新插入。',
  'card-removed': '卡片已取出，请重新插入并在读卡完成前不要取出。',
  'reader-unavailable': '读卡器暂不可用，请联系工作人员。',
  'reader-timeout': '读卡器无响应，请联系工作人员。',
  'reader-error': '读卡器出现故障，请联系工作人员。',
};

export class CitizenCardError extends Error {
  readonly citizenMessage: string;
  constructor(
    readonly code: CitizenCardErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'CitizenCardError';
    this.citizenMessage = citizenMessages[code];
  }
}

export function isCitizenCardError(err: unknown): err is CitizenCardError {
  return err instanceof CitizenCardError;
}

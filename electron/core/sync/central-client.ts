/**
 * Typed client of the central verification API (assets/api/central.openapi.yaml).
 * Every answer is validated with the shared zod schemas; every failure is a typed
 * CentralError that says whether trying again can help.
 */
import {
  appointmentsResponse,
  applicationStatusResponse,
  catalogResponse,
  centralPaths,
  dataCheckResponse,
  entitlementsResponse,
  heartbeatResponse,
  queueState,
  syncBatchResponse,
  verificationStatus,
  type Appointment,
  type ApplicationStatus,
  type CatalogResponse,
  type DataCheckRequest,
  type DataCheckResponse,
  type Entitlement,
  type HeartbeatRequest,
  type HeartbeatResponse,
  type QueueState,
  type SyncBatchRequest,
  type SyncBatchResponse,
  type VerificationRequest,
  type VerificationStatus,
} from '../../common/central-api.js';
import { facePaths, faceVerifyResponse, type FaceVerifyRequest, type FaceVerifyResponse } from '../../common/central-face.js';
import {
  appointmentCheckInResponse,
  identityPaths,
  identityResolveResponse,
  type AppointmentCheckInResponse,
  type IdentityResolveRequest,
  type IdentityResolveResponse,
} from '../../common/central-identity.js';

export type CentralFailureKind = 'network' | 'timeout' | 'server' | 'rate-limited' | 'auth' | 'rejected' | 'bad-response';

export class CentralError extends Error {
  override readonly name = 'CentralError';
  constructor(
    readonly kind: CentralFailureKind,
    message: string,
    readonly status: number | null = null,
    /** From Retry-After (429/503), milliseconds. */
    readonly retryAfterMs: number | null = null,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
  /** Network, timeout, 5xx and 429 may succeed later; auth needs an operator; rejected never will. */
  get retryable(): boolean {
    return this.kind === 'network' || this.kind === 'timeout' || this.kind === 'server' || this.kind === 'rate-limited' || this.kind === 'bad-response';
  }
  /** Plain Chinese for the citizen. */
  get citizenMessage(): string {
    return this.retryable ? '暂时连不上中心系统，已为您改用其他方式办理' : '中心系统拒绝了本次请求，请到人工窗口咨询';
  }
}

/**
 * What one call says about the link: an answer means central is reachable; a network
 * failure or a timeout means it is not (an HTTP error says neither: central answered).
 */
export interface LinkEvidence {
  reachable: boolean;
  /** The API path called (without the query). */
  path: string;
}

export interface CentralClientOptions {
  baseUrl: string;
  /** Per-kiosk bearer token (config central.token or KIOSK_CENTRAL_TOKEN). */
  token: string;
  timeoutMs?: number;
  /** At most this many requests in flight (live calls and deliveries together); the rest wait their turn. */
  maxConcurrent?: number;
  fetch?: typeof fetch;
}

interface Schema<T> {
  safeParse(v: unknown): { success: true; data: T } | { success: false; error: { message: string } };
}

export function parseRetryAfter(value: string | null, now = Date.now()): number | null {
  if (!value) return null;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Math.round(Number(value) * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/**
 * Why a request failed below HTTP, in words an operator can act on: fetch reports
 * "fetch failed" and hides the TLS or socket reason in its cause chain.
 */
export function describeNetworkFailure(err: unknown, overTls: boolean): string {
  const reasons: string[] = [];
  let cause: unknown = err;
  for (let depth = 0; cause instanceof Error && depth < 4; depth++) {
    const code = (cause as NodeJS.ErrnoException).code;
    reasons.push(code ? `${code}: ${cause.message}` : cause.message);
    cause = (cause as { cause?: unknown }).cause;
  }
  const text = reasons.filter((r, i) => r !== 'fetch failed' || i === reasons.length - 1).join(' ← ');
  if (/CERT|SSL|TLS|self[- ]signed|certificate/i.test(text)) {
    return `${text}; TLS: check central.tls (the CA file, this kiosk's certificate and key)`;
  }
  // Under TLS 1.3 a server checks the client certificate after the client's handshake
  // is done, so a missing or untrusted one shows here only as the connection closing.
  if (overTls && /UND_ERR_SOCKET|ECONNRESET|other side closed/.test(text)) {
    return `${text}; the server closed the TLS connection: if it requires a client certificate, check central.tls certFile/keyFile`;
  }
  return text;
}

export class CentralClient {
  private readonly baseUrl: string;
  private readonly timeoutMs: number;
  private readonly fetchImpl: typeof fetch;
  private readonly maxConcurrent: number;
  private inFlight = 0;
  private readonly waiting: Array<() => void> = [];
  private readonly evidenceListeners = new Set<(evidence: LinkEvidence) => void>();

  constructor(private readonly options: CentralClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? 5000;
    this.fetchImpl = options.fetch ?? fetch;
    this.maxConcurrent = options.maxConcurrent ?? 8;
  }

  /** Requests currently in flight (for the admin screen and tests). */
  get pendingRequests(): number {
    return this.inFlight + this.waiting.length;
  }

  /** Every call's evidence about the link, from every desk (the forwarder shows it at once). */
  onLinkEvidence(listener: (evidence: LinkEvidence) => void): () => void {
    this.evidenceListeners.add(listener);
    return () => this.evidenceListeners.delete(listener);
  }

  catalog(since: number | null): Promise<CatalogResponse> {
    return this.call('GET', since === null ? centralPaths.catalog : `${centralPaths.catalog}?since=${since}`, catalogResponse);
  }
  dataCheck(request: DataCheckRequest): Promise<DataCheckResponse> {
    return this.call('POST', centralPaths.dataCheck, dataCheckResponse, request);
  }
  /** `idempotencyKey` makes a retried request return the first answer instead of a second verification. */
  requestVerification(request: VerificationRequest, idempotencyKey: string): Promise<VerificationStatus> {
    return this.call('POST', centralPaths.verifications, verificationStatus, request, { 'idempotency-key': idempotencyKey });
  }
  verificationStatus(verificationId: string): Promise<VerificationStatus> {
    return this.call('GET', centralPaths.verification(verificationId), verificationStatus);
  }
  queueState(queue: string, ticketNo?: string): Promise<QueueState> {
    const q = ticketNo ? `?ticketNo=${encodeURIComponent(ticketNo)}` : '';
    return this.call('GET', `${centralPaths.queueState(queue)}${q}`, queueState);
  }
  async appointmentsToday(idHash: string): Promise<Appointment[]> {
    return (await this.call('GET', centralPaths.appointments(idHash), appointmentsResponse)).appointments;
  }
  async entitlements(idHash: string): Promise<Entitlement[]> {
    return (await this.call('GET', centralPaths.entitlements(idHash), entitlementsResponse)).entitlements;
  }
  async applicationStatus(idHash: string): Promise<ApplicationStatus[]> {
    return (await this.call('GET', centralPaths.applications(idHash), applicationStatusResponse)).applications;
  }
  /**
   * 扫码: who an identity code stands for. Sent once and never retried (the token is
   * single-use: a retry would answer `used`); the token goes in the body only, so it is
   * in no URL, and no error message of this client quotes a request body.
   */
  resolveIdentity(request: IdentityResolveRequest): Promise<IdentityResolveResponse> {
    return this.call('POST', identityPaths.identityResolve, identityResolveResponse, request);
  }
  /** 预约签到 by the code on the citizen's appointment. */
  checkInAppointment(appointmentCode: string): Promise<AppointmentCheckInResponse> {
    return this.call('POST', identityPaths.appointmentCheckIn, appointmentCheckInResponse, { appointmentCode });
  }
  heartbeat(request: HeartbeatRequest): Promise<HeartbeatResponse> {
    return this.call('POST', centralPaths.heartbeat, heartbeatResponse, request);
  }
  sendBatch(request: SyncBatchRequest): Promise<SyncBatchResponse> {
    return this.call('POST', centralPaths.recordsBatch, syncBatchResponse, request);
  }
  /**
   * 刷脸: the central compares the frames with its reference photo of the subject. Never
   * retried; no error message of this client quotes a request body, so no frame reaches a log.
   * `timeoutMs`: a face comparison takes longer than a look-up.
   */
  verifyFace(request: FaceVerifyRequest, timeoutMs: number): Promise<FaceVerifyResponse> {
    return this.call('POST', facePaths.faceVerify, faceVerifyResponse, request, {}, timeoutMs);
  }

  private async call<T>(method: 'GET' | 'POST', path: string, schema: Schema<T>, body?: unknown, headers: Record<string, string> = {}, timeoutMs = this.timeoutMs): Promise<T> {
    if (this.inFlight >= this.maxConcurrent) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.inFlight++;
    const bare = path.split('?')[0] ?? path;
    try {
      const answer = await this.request(method, path, schema, body, headers, timeoutMs);
      this.evidence({ reachable: true, path: bare });
      return answer;
    } catch (err) {
      if (err instanceof CentralError && (err.kind === 'network' || err.kind === 'timeout')) this.evidence({ reachable: false, path: bare });
      throw err;
    } finally {
      this.inFlight--;
      this.waiting.shift()?.();
    }
  }

  private evidence(evidence: LinkEvidence): void {
    for (const listener of this.evidenceListeners) {
      try {
        listener(evidence);
      } catch {
        // A listener's failure is its own; the call's answer still goes to its caller.
      }
    }
  }

  private async request<T>(method: 'GET' | 'POST', path: string, schema: Schema<T>, body: unknown, headers: Record<string, string>, timeoutMs: number): Promise<T> {
    const url = `${this.baseUrl}${path}`;
    let response: Response;
    try {
      response = await this.fetchImpl(url, {
        method,
        headers: { authorization: `Bearer ${this.options.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (err) {
      const timedOut = (err as Error).name === 'TimeoutError' || (err as Error).name === 'AbortError';
      throw new CentralError(timedOut ? 'timeout' : 'network',
        timedOut ? `central API ${method} ${path} gave no answer within ${timeoutMs} ms: check the hall network`
          : `central API at ${this.baseUrl} unreachable (${describeNetworkFailure(err, this.baseUrl.startsWith('https:'))}): check the hall network and central.url`, null, null, { cause: err });
    }
    let text: string;
    try {
      text = await response.text();
    } catch (err) {
      throw new CentralError('network', `central API ${method} ${path}: connection lost while reading the answer`, response.status, null, { cause: err });
    }
    if (!response.ok) throw this.httpError(method, path, response, text);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (err) {
      throw new CentralError('bad-response', `central API ${method} ${path} answered non-JSON`, response.status, null, { cause: err });
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw new CentralError('bad-response', `central API ${method} ${path} answered an unexpected shape: ${parsed.error.message}`, response.status);
    return parsed.data;
  }

  private httpError(method: string, path: string, response: Response, text: string): CentralError {
    const status = response.status;
    let title = text.slice(0, 200);
    try {
      title = (JSON.parse(text) as { title?: string }).title ?? title;
    } catch { /* keep the raw text */ }
    const retryAfter = parseRetryAfter(response.headers.get('retry-after'));
    const what = `central API ${method} ${path} answered ${status}: ${title}`;
    if (status === 429) return new CentralError('rate-limited', what, status, retryAfter);
    if (status >= 500 || status === 408) return new CentralError('server', what, status, retryAfter);
    if (status === 401 || status === 403) return new CentralError('auth', `${what}; check this kiosk's token (central.token / KIOSK_CENTRAL_TOKEN)`, status);
    return new CentralError('rejected', what, status);
  }
}

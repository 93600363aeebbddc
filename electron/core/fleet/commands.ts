/**
 * Runs the commands a fleet operator sends to this kiosk's `cmd` topic. Each has an id
 * and an expiry: a malformed, expired or replayed command (an id seen before, kept in the
 * store: command-ledger.ts) is refused, a screenshot is refused while a citizen is in
 * session, and every command and its result go to the local audit log. Every command
 * message gets exactly one result (a refusal is one).
 */
import {
  COMMAND_NAMES,
  commandMessageSchema,
  FLEET_SCHEMA_VERSION,
  type CommandBody,
  type CommandName,
  type CommandResult,
  type CommandResultCode,
  type LogLevel,
} from '../../common/fleet/messages.js';
import { MAX_COMMAND_LIFETIME_MS, type CommandLedger } from './command-ledger.js';

/** What the commands act on: the core's services and the shell's hooks. */
export interface CommandTargets {
  setOutOfService(message: { zh: string; en: string }): void;
  backInService(): void;
  /** The shell restarts the kiosk window; absent: this kiosk's shell cannot. */
  requestWindowRestart?(reason: string): void;
  refreshCatalog(): Promise<boolean>;
  uploadNow(): void;
  printTestPage(): Promise<{ ok: boolean; code: string }>;
  /** The shell's picture of the screen (PNG); absent: this shell cannot take one. */
  screenshot?(): Promise<Uint8Array>;
  setLogLevel(level: LogLevel): void;
  inSession(): boolean;
}

/** One audit row: the actor is always 'fleet'; the subject is the command id. */
export type FleetAudit = (action: string, commandId: string | null, detail: string) => void;

export interface CommandRunnerOptions {
  kioskId: string;
  ledger: CommandLedger;
  audit: FleetAudit;
  targets: CommandTargets;
  now?: () => number;
}

type Outcome = { ok: boolean; code: CommandResultCode; detail?: string | null; screenshot?: CommandResult['screenshot'] };

export class CommandRunner {
  private readonly now: () => number;

  constructor(private readonly options: CommandRunnerOptions) {
    this.now = options.now ?? Date.now;
  }

  /** The one result for a `cmd` payload, after acting on it (or refusing it). */
  async run(payload: Uint8Array | string): Promise<CommandResult> {
    const text = typeof payload === 'string' ? payload : Buffer.from(payload).toString('utf8');
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      return this.refused(null, null, 'invalid', 'not JSON');
    }
    const id = readableId(raw);
    const parsed = commandMessageSchema.safeParse(raw);
    if (!parsed.success) {
      const detail = parsed.error.issues.map((i) => `${i.path.join('.') || '(top level)'}: ${i.message}`).join('; ').slice(0, 300);
      return this.refused(id, readableName(raw), 'invalid', detail);
    }
    const command = parsed.data;
    const now = this.now();
    this.options.audit(`fleet.command.${command.command}`, command.id, `received, expires ${new Date(command.expiresAt).toISOString()}`);
    // Remembered before anything else: the same id sent twice at once runs once.
    if (!this.options.ledger.remember(command.id, command.command, now)) return this.refused(command.id, command.command, 'replayed', 'this command id was received before');
    if (command.expiresAt <= now) return this.refused(command.id, command.command, 'expired', `expired ${now - command.expiresAt} ms ago`);
    if (command.expiresAt > now + MAX_COMMAND_LIFETIME_MS) return this.refused(command.id, command.command, 'invalid', 'expiresAt is more than 24 h ahead');
    let outcome: Outcome;
    try {
      outcome = await this.act(command);
    } catch (err) {
      outcome = { ok: false, code: 'failed', detail: (err as Error).message.slice(0, 300) };
    }
    return this.result(command.id, command.command, outcome);
  }

  private async act(body: CommandBody): Promise<Outcome> {
    const t = this.options.targets;
    switch (body.command) {
      case 'out-of-service':
        t.setOutOfService(body.args.message);
        return { ok: true, code: 'done' };
      case 'in-service':
        t.backInService();
        return { ok: true, code: 'done' };
      case 'restart-window':
        if (!t.requestWindowRestart) return { ok: false, code: 'unsupported', detail: 'this shell cannot restart its window' };
        t.requestWindowRestart('fleet command');
        return { ok: true, code: 'done' };
      case 'refresh-catalog':
        return { ok: true, code: 'done', detail: (await t.refreshCatalog()) ? 'newer catalog taken' : 'no newer catalog' };
      case 'upload-now':
        t.uploadNow();
        return { ok: true, code: 'done' };
      case 'print-test-page': {
        const printed = await t.printTestPage();
        return printed.ok ? { ok: true, code: 'done' } : { ok: false, code: 'failed', detail: printed.code };
      }
      case 'screenshot': {
        // The screen may show a citizen's name: never taken while one is at the kiosk.
        if (t.inSession()) return { ok: false, code: 'citizen-in-session', detail: 'a citizen is at the kiosk' };
        if (!t.screenshot) return { ok: false, code: 'unsupported', detail: 'this shell cannot take a screenshot' };
        const png = await t.screenshot();
        // A citizen who arrived while the picture was being taken may be on it: dropped.
        if (t.inSession()) return { ok: false, code: 'citizen-in-session', detail: 'a citizen came to the kiosk during the screenshot' };
        return { ok: true, code: 'done', screenshot: { mime: 'image/png', base64: Buffer.from(png).toString('base64') } };
      }
      case 'set-log-level':
        t.setLogLevel(body.args.level);
        return { ok: true, code: 'done', detail: body.args.level };
    }
  }

  private refused(id: string | null, command: CommandName | null, code: CommandResultCode, detail: string): CommandResult {
    if (code === 'invalid') this.options.audit(`fleet.command.${command ?? 'unknown'}`, id, 'received');
    return this.result(id, command, { ok: false, code, detail });
  }

  private result(id: string | null, command: CommandName | null, outcome: Outcome): CommandResult {
    this.options.audit(`fleet.result.${command ?? 'unknown'}`, id, `${outcome.ok ? 'ok' : 'refused'} ${outcome.code}${outcome.detail ? `: ${outcome.detail}` : ''}`.slice(0, 300));
    return {
      v: FLEET_SCHEMA_VERSION,
      kioskId: this.options.kioskId,
      id,
      command,
      ok: outcome.ok,
      code: outcome.code,
      detail: outcome.detail ?? null,
      at: this.now(),
      ...(outcome.screenshot ? { screenshot: outcome.screenshot } : {}),
    };
  }
}

/** The id of a message that failed validation, when it has a plausible one (for its result). */
function readableId(raw: unknown): string | null {
  const id = (raw as { id?: unknown } | null)?.id;
  return typeof id === 'string' && id.length > 0 && id.length <= 64 ? id : null;
}

function readableName(raw: unknown): CommandName | null {
  const name = (raw as { command?: unknown } | null)?.command;
  return typeof name === 'string' && (COMMAND_NAMES as readonly string[]).includes(name) ? (name as CommandName) : null;
}

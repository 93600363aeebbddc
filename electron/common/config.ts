/**
 * The kiosk's one configuration file (kiosk.config.json by default, or --config /
 * KIOSK_CONFIG). Validated at start-up; an invalid file stops the kiosk with the path
 * of every bad field and what was expected. See README "Configuration".
 *
 * Nothing defaults to a simulator: every device and the central API are named. A config
 * is in demo mode exactly when it names a simulator somewhere (a '@simulator' port or
 * central.url 'embedded'); otherwise it is a production config, and the start-up checks
 * (startup-checks.ts) refuse what is only fit for a demo.
 */
import { z } from 'zod';
import { DEFAULT_HALL_TIME_ZONE, isIanaTimeZone } from './time-zone.js';
import { openingHoursSchema, wallTimeSchema } from './service-hours.js';

/** A port value of '@simulator' starts the device simulator on a PTY and uses its end. */
export const SIMULATOR = '@simulator';
/** central.url 'embedded' starts the central-API simulator in the kiosk process. */
export const EMBEDDED_CENTRAL = 'embedded';

/** The message for a required key left out (zod reports a missing key as input undefined). */
const required = (what: string) => ({
  error: (issue: { input?: unknown }) => (issue.input === undefined ? `missing: ${what}` : undefined),
});
const deviceRequired = (device: string, example: string) =>
  required(`name the ${device} (e.g. ${example}), '${SIMULATOR}' for the demo simulator, or null for none`);

const serialPort = z.object({
  transport: z.literal('serial'),
  port: z.string().min(1).describe("device path, e.g. /dev/ttyUSB0, or '@simulator'"),
  baud: z.number().int().positive().default(115200),
});

const hidDevice = z.object({
  transport: z.literal('hid'),
  vendorId: z.number().int().min(0).max(0xffff),
  productId: z.number().int().min(0).max(0xffff),
  path: z.string().optional().describe('hidraw path when several readers share a VID:PID'),
});

export const idCardReaderConfig = z.discriminatedUnion('transport', [serialPort, hidDevice],
  deviceRequired('ID-card reader', `{"transport":"serial","port":"/dev/ttyUSB0"}`));

export const citizenCardReaderConfig = z.discriminatedUnion('transport', [
  z.object({
    transport: z.literal('pcsc'),
    reader: z.string().optional().describe('reader name (substring); the first reader when absent'),
  }),
  serialPort,
  // A framed reader behind a USB HID bridge (native/citizencard/README.md).
  hidDevice,
], deviceRequired('citizen-card reader', `{"transport":"pcsc"}`));

const paper = z.union([z.literal(58), z.literal(80)]).default(80);
export const printerConfig = z.discriminatedUnion('transport', [
  serialPort.extend({ paper }),
  z.object({ transport: z.literal('lp'), path: z.string().min(1), paper }),
  z.object({ transport: z.literal('tcp'), host: z.string().min(1), port: z.number().int().positive().default(9100), paper }),
], deviceRequired('ticket printer', `{"transport":"tcp","host":"192.168.10.21"}`));

/** How the scanner ends each code in its USB virtual COM mode (its programming codes set it). */
export const SCANNER_TERMINATORS = ['cr', 'lf', 'crlf', 'any'] as const;
const scannerCommon = {
  /** The same code scanned again within this many ms is one scan (a citizen holding the phone still). */
  repeatIgnoreMs: z.number().int().min(0).max(60_000).default(3000),
};
/**
 * The 2D barcode scanner: USB virtual COM (a code per line) or USB HID-POS (usage page
 * 0x8C). Keyboard-wedge mode is not supported: a Chinese input method intercepts it.
 */
export const scannerConfig = z.discriminatedUnion('transport', [
  serialPort.extend({ terminator: z.enum(SCANNER_TERMINATORS).default('any'), ...scannerCommon }),
  hidDevice.extend(scannerCommon),
], deviceRequired('barcode scanner', `{"transport":"serial","port":"/dev/ttyACM0","terminator":"cr"}`));
/** The fleet broker: mqtts:// with a client certificate in a hall; plain mqtt:// only to loopback (startup-checks.ts). */
export const fleetConfig = z.object({
  url: z.url({ protocol: /^mqtts?$/ }).describe('mqtts://broker:8883 (or mqtt:// to loopback)'),
  /** First topic level(s): topics are <topicPrefix>/<regionCode>/<kioskId>/… */
  topicPrefix: z.string().regex(/^[A-Za-z0-9_-]+(\/[A-Za-z0-9_-]+)*$/, "topic levels of letters, digits, '-' or '_', e.g. 'hall'").default('hall'),
  /** Health is published on change and at least this often. */
  healthSeconds: z.number().int().min(1).max(3600).default(30),
  /** MQTT keep-alive: the broker publishes the Last Will (offline) about 1.5 keep-alives after the kiosk dies. */
  keepAliveSeconds: z.number().int().min(1).max(600).default(15),
  /** Mutual TLS to the broker (the same PKI as central.tls; the certificate's CN is the kiosk id). Paths relative to the config file. */
  tls: z.object({
    caFile: z.string().min(1),
    certFile: z.string().min(1),
    keyFile: z.string().min(1),
  }).strict().optional(),
}).strict();

export const kioskConfigSchema = z
  .object({
    kioskId: z.string().regex(/^[A-Za-z0-9-]{2,32}$/, 'letters, digits and dashes, 2-32 characters'),
    hall: z.object({
      name: z.string().min(1),
      /** Administrative division code of the hall (6 digits). */
      regionCode: z.string().regex(/^\d{6}$/),
      /** Base of the links in tickets' and receipts' QR codes (queue tracking, 好差评). */
      trackingUrl: z.url().default('https://track.example.gov.cn/hall'),
      /** The hall's IANA time zone for the screen, the paper and the day in ticket and application numbers. */
      timeZone: z.string().refine(isIanaTimeZone, "an IANA time zone such as 'Asia/Shanghai'").default(DEFAULT_HALL_TIME_ZONE),
    }),
    // No defaults: a device left out is refused rather than silently simulated.
    devices: z.object({
      idcard: idCardReaderConfig.nullable(),
      citizencard: citizenCardReaderConfig.nullable(),
      printer: printerConfig.nullable(),
      // Added after the first kiosks were installed: a config from before names none.
      scanner: scannerConfig.nullable().default(null),
    }, required('the "devices" object with idcard, citizencard and printer')),
    central: z.object({
      /** 'embedded' starts the central-API simulator inside the kiosk process (demo mode). */
      url: z.union([z.literal(EMBEDDED_CENTRAL), z.url({ protocol: /^https?$/ })],
        required(`the central API's https:// URL, or '${EMBEDDED_CENTRAL}' for the demo simulator`)),
      /** Per-kiosk bearer token; read from KIOSK_CENTRAL_TOKEN when absent. */
      token: z.string().min(8).optional(),
      timeoutMs: z.number().int().positive().default(5000),
      /** Mutual TLS over the government extranet: PEM files (paths relative to the config file, like dataDir). */
      tls: z.object({
        caFile: z.string().min(1).optional().describe('CA bundle that signed the central server; default: public roots'),
        certFile: z.string().min(1).optional().describe("this kiosk's client certificate"),
        keyFile: z.string().min(1).optional().describe("that certificate's private key"),
      }).strict()
        .refine((t) => (t.certFile === undefined) === (t.keyFile === undefined), 'certFile and keyFile go together')
        .optional(),
    }, required('the "central" object with url (and token)')),
    /** Where the SQLite buffer, the key file and logs live. */
    dataDir: z.string().min(1).default('./var'),
    session: z.object({
      idleSeconds: z.number().int().min(15).default(90),
      elderlyIdleSeconds: z.number().int().min(15).default(180),
      warningSeconds: z.number().int().min(5).default(15),
    }).default({ idleSeconds: 90, elderlyIdleSeconds: 180, warningSeconds: 15 }),
    ui: z.object({
      locale: z.enum(['zh-CN', 'en']).default('zh-CN'),
    }).default({ locale: 'zh-CN' }),
    /** Fleet operations over MQTT (README "Fleet operations"); absent: the kiosk reports to no broker. */
    fleet: fleetConfig.optional(),
    /** When the kiosk serves (hall time); see README "Opening hours and service". */
    service: z.object({
      /** Weekly hours and closed dates: outside them no ticket is issued. null: open all the time. */
      openingHours: openingHoursSchema.nullable().default(null),
      /** A quiet hall time ('03:30') at which the window restarts each day, once no citizen is in session; null: never. */
      dailyRestartAt: wallTimeSchema.nullable().default(null),
    }).strict().default({ openingHours: null, dailyRestartAt: null }),
    /** 刷脸: who compares the citizen's face (electron/core/face/local-matcher.ts) and how long it may take. */
    face: z.object({
      /** 'central' (POST /v1/identity/face-verify) or a registered local 人证比对 matcher; an unknown name is refused at start-up. */
      matcher: z.string().min(1).default('central'),
      timeoutMs: z.number().int().positive().default(20_000),
      /** Matters for which even a card holder must pass the face step (人证比对: is the card theirs?) before submitting. */
      requiredForMatters: z.array(z.string().regex(/^[a-z0-9-]{2,64}$/)).max(500).default([]),
    }).strict().default({ matcher: 'central', timeoutMs: 20_000, requiredForMatters: [] }),
    maintenance: z.object({
      /** scrypt hash of the staff PIN (`npm run -s maintenance-pin`); null: no maintenance screen. */
      pinHash: z.string().regex(/^(scrypt:[0-9a-f]{32}:[0-9a-f]{64}|scrypt\$(16384|32768|65536|131072|262144|524288|1048576)\$([1-9]|1[0-6])\$[1-4]\$[0-9a-f]{32}\$[0-9a-f]{64})$/, "'scrypt$N$r$p$<salt>$<hash>' as printed by npm run -s maintenance-pin").nullable().default(null),
    }).strict().default({ pinHash: null }),
  })
  .strict();

export type KioskConfig = z.infer<typeof kioskConfigSchema>;
export type IdCardReaderConfig = z.infer<typeof idCardReaderConfig>;
export type CitizenCardReaderConfig = z.infer<typeof citizenCardReaderConfig>;
export type PrinterConfig = z.infer<typeof printerConfig>;
export type ScannerConfig = z.infer<typeof scannerConfig>;
export type ScannerTerminator = (typeof SCANNER_TERMINATORS)[number];
export type FleetConfig = z.infer<typeof fleetConfig>;

export class ConfigError extends Error {
  constructor(
    readonly source: string,
    readonly problems: string[],
  ) {
    super(`invalid kiosk configuration in ${source}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Validates parsed JSON; throws ConfigError naming each bad field. */
export function parseKioskConfig(raw: unknown, source = 'kiosk.config.json'): KioskConfig {
  const result = kioskConfigSchema.safeParse(raw);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const where = issue.path.length ? issue.path.join('.') : '(top level)';
    return `${where}: ${issue.message}`;
  });
  throw new ConfigError(source, problems);
}

/** The keys of a config that name a simulator: '@simulator' device ports and central.url 'embedded'. */
export function simulatedKeys(config: KioskConfig): string[] {
  const keys: string[] = [];
  for (const name of ['idcard', 'citizencard', 'printer', 'scanner'] as const) {
    const device = config.devices[name];
    if (device?.transport === 'serial' && device.port === SIMULATOR) keys.push(`devices.${name}`);
  }
  if (config.central.url === EMBEDDED_CENTRAL) keys.push('central.url');
  return keys;
}

/** Demo mode: the config names at least one simulator (see the header of this file). */
export function isDemoConfig(config: KioskConfig): boolean {
  return simulatedKeys(config).length > 0;
}

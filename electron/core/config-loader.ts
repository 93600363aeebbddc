/** Reads and validates the kiosk configuration file (see electron/common/config.ts). */
import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, parseKioskConfig, type KioskConfig } from '../common/config.js';

export const DEFAULT_CONFIG_FILE = 'kiosk.config.json';

/**
 * Resolution order: explicit path, KIOSK_CONFIG, ./kiosk.config.json. A named file that
 * does not exist is an error (a typo must not silently run the kiosk on simulators).
 */
export function loadKioskConfig(explicitPath?: string, cwd = process.cwd()): { config: KioskConfig; file: string } {
  const named = explicitPath ?? process.env.KIOSK_CONFIG;
  const file = path.resolve(cwd, named ?? DEFAULT_CONFIG_FILE);
  if (!existsSync(file)) {
    if (named) throw new ConfigError(file, ['file not found']);
    throw new ConfigError(file, [`file not found: copy the example in README "Configuration" to ${DEFAULT_CONFIG_FILE}`]);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new ConfigError(file, [`not valid JSON: ${(err as Error).message}`]);
  }
  return { config: resolveConfigPaths(parseKioskConfig(raw, file), path.dirname(file)), file };
}

/**
 * File paths in a config are relative to the config file (dataDir, central.tls and
 * fleet.tls PEM files), so a kiosk started from any directory finds its buffer and its certificates.
 */
export function resolveConfigPaths(config: KioskConfig, configDir: string): KioskConfig {
  const resolved: KioskConfig = { ...config, dataDir: path.resolve(configDir, config.dataDir) };
  const tls = config.central.tls;
  if (tls) {
    const files: NonNullable<KioskConfig['central']['tls']> = {};
    for (const key of ['caFile', 'certFile', 'keyFile'] as const) {
      const file = tls[key];
      if (file !== undefined) files[key] = path.resolve(configDir, file);
    }
    resolved.central = { ...config.central, tls: files };
  }
  const fleetTls = config.fleet?.tls;
  if (config.fleet && fleetTls) {
    const { caFile, certFile, keyFile } = fleetTls;
    resolved.fleet = { ...config.fleet, tls: { caFile: path.resolve(configDir, caFile), certFile: path.resolve(configDir, certFile), keyFile: path.resolve(configDir, keyFile) } };
  }
  return resolved;
}

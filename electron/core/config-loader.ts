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
  const config = parseKioskConfig(raw, file);
  // dataDir is relative to the config file, so a kiosk started from any directory finds its buffer.
  return { config: { ...config, dataDir: path.resolve(path.dirname(file), config.dataDir) }, file };
}

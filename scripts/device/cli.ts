/**
 * Diagnostics for installers: `npm run -s device -- <command> [options]`.
 * Each command lives in its own module; this file only dispatches.
 */
const commands: Record<string, { summary: string; load: () => Promise<{ run(argv: string[]): Promise<number> }> }> = {
  idcard: { summary: 'read ID cards (SAM reader over serial or HID)', load: () => import('./idcard.js') },
  'citizen-card': { summary: 'read citizen / social-security cards (PC/SC or serial)', load: () => import('./citizen-card.js') },
  scanner: { summary: 'print the kind and length of each scanned code (USB-COM or HID-POS)', load: () => import('./scanner.js') },
  'print-test': { summary: 'print a test ticket, then the printer status', load: () => import('./print-test.js') },
  'printer-status': { summary: "print the printer's status as JSON", load: () => import('./printer-status.js') },
};

function usage(): string {
  const lines = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(16)} ${c.summary}`);
  return ['usage: npm run -s device -- <command> [options]', '', 'commands:', ...lines].join('\n');
}

const [name, ...rest] = process.argv.slice(2);
const command = name ? commands[name] : undefined;
if (!command) {
  console.error(name ? `unknown command: ${name}\n\n${usage()}` : usage());
  process.exit(2);
}
const mod = await command.load();
process.exitCode = await mod.run(rest);

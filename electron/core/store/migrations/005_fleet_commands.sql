-- 005: the fleet commands received (electron/core/fleet/command-ledger.ts): an id seen once
-- is refused when it comes again, across restarts. Rows older than a command may live are
-- pruned (a replay of those is refused as expired anyway).
CREATE TABLE fleet_commands (
  id           TEXT PRIMARY KEY,
  received_at  INTEGER NOT NULL,
  command      TEXT
) STRICT;
CREATE INDEX fleet_commands_by_received_at ON fleet_commands(received_at);

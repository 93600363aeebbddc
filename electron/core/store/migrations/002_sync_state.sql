-- 002: the forwarder's view that must survive restarts (last success, catalog version).
CREATE TABLE sync_state (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

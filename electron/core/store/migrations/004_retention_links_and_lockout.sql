-- 004: retention cuts the ID-hash links of old rows (retention.ts), so the two tables
-- that required one take NULL now (SQLite cannot drop NOT NULL in place: rebuild them);
-- and the maintenance pad's wrong-PIN count and lockout survive a restart.

CREATE TABLE applications_004 (
  application_id  TEXT PRIMARY KEY,
  matter_id       TEXT NOT NULL,
  matter_version  INTEGER NOT NULL,
  -- NULL once the retention period is over
  id_hash         TEXT,
  agent_id_hash   TEXT,
  proofs          TEXT NOT NULL,
  personal_enc    BLOB,
  state           TEXT NOT NULL DEFAULT 'buffered',
  submitted_at    TEXT NOT NULL,
  outbox_seq      INTEGER NOT NULL
) STRICT;
INSERT INTO applications_004 (application_id, matter_id, matter_version, id_hash, agent_id_hash, proofs, personal_enc, state, submitted_at, outbox_seq)
  SELECT application_id, matter_id, matter_version, id_hash, agent_id_hash, proofs, personal_enc, state, submitted_at, outbox_seq FROM applications;
DROP TABLE applications;
ALTER TABLE applications_004 RENAME TO applications;
CREATE INDEX applications_by_id_hash ON applications(id_hash);
CREATE INDEX applications_by_outbox_seq ON applications(outbox_seq);

CREATE TABLE verification_results_004 (
  id              TEXT PRIMARY KEY,
  application_id  TEXT,
  -- NULL once the retention period is over
  id_hash         TEXT,
  proof_type      TEXT NOT NULL,
  method          TEXT NOT NULL CHECK (method IN ('data-check', 'department-verification')),
  state           TEXT NOT NULL,
  reference       TEXT,
  updated_at      TEXT NOT NULL
) STRICT;
INSERT INTO verification_results_004 (id, application_id, id_hash, proof_type, method, state, reference, updated_at)
  SELECT id, application_id, id_hash, proof_type, method, state, reference, updated_at FROM verification_results;
DROP TABLE verification_results;
ALTER TABLE verification_results_004 RENAME TO verification_results;
CREATE INDEX verification_results_by_id_hash ON verification_results(id_hash);

-- One row: wrong PINs in a row and the end of the current lockout (epoch ms, 0 = none).
CREATE TABLE maintenance_lockout (
  id            INTEGER PRIMARY KEY CHECK (id = 1),
  failures      INTEGER NOT NULL,
  locked_until  INTEGER NOT NULL
) STRICT;

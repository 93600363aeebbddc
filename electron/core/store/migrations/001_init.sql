-- 001: the kiosk's local buffer. Personal fields live only in *_enc columns
-- (AES-256-GCM, key file outside the database); ID numbers only as HMAC hashes.

CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

-- Per-kiosk monotonic counters (outbox sequence, daily ticket numbers).
CREATE TABLE counters (
  name  TEXT PRIMARY KEY,
  value INTEGER NOT NULL
) STRICT;

CREATE TABLE tickets (
  ticket_no       TEXT NOT NULL,
  day             TEXT NOT NULL,
  queue           TEXT NOT NULL,
  priority        TEXT NOT NULL,
  id_hash         TEXT,
  appointment_id  TEXT,
  matter_category TEXT,
  issued_at       TEXT NOT NULL,
  outbox_seq      INTEGER NOT NULL,
  PRIMARY KEY (day, ticket_no)
) STRICT;
CREATE INDEX tickets_by_id_hash ON tickets(id_hash);

CREATE TABLE applications (
  application_id  TEXT PRIMARY KEY,
  matter_id       TEXT NOT NULL,
  matter_version  INTEGER NOT NULL,
  id_hash         TEXT NOT NULL,
  agent_id_hash   TEXT,
  -- how each proof was satisfied: JSON [{proofType, satisfiedBy, detail}]
  proofs          TEXT NOT NULL,
  -- AES-GCM of {applicant, answers}; NULL once central acknowledged or retention expired
  personal_enc    BLOB,
  state           TEXT NOT NULL DEFAULT 'buffered',
  submitted_at    TEXT NOT NULL,
  outbox_seq      INTEGER NOT NULL
) STRICT;
CREATE INDEX applications_by_id_hash ON applications(id_hash);

CREATE TABLE matters (
  matter_id  TEXT PRIMARY KEY,
  version    INTEGER NOT NULL,
  body       TEXT NOT NULL,
  withdrawn  INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE TABLE verification_results (
  id              TEXT PRIMARY KEY,
  application_id  TEXT,
  id_hash         TEXT NOT NULL,
  proof_type      TEXT NOT NULL,
  method          TEXT NOT NULL CHECK (method IN ('data-check', 'department-verification')),
  state           TEXT NOT NULL,
  reference       TEXT,
  updated_at      TEXT NOT NULL
) STRICT;
CREATE INDEX verification_results_by_id_hash ON verification_results(id_hash);

CREATE TABLE evaluations (
  evaluation_id TEXT PRIMARY KEY,
  subject_type  TEXT NOT NULL,
  subject_id    TEXT NOT NULL,
  rating        INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
  comment       TEXT,
  rated_at      TEXT NOT NULL,
  outbox_seq    INTEGER NOT NULL
) STRICT;

-- state: pending -> delivered | quarantined. payload has no personal data;
-- personal_enc holds the encrypted personal part until delivery.
CREATE TABLE outbox (
  seq              INTEGER PRIMARY KEY,
  idempotency_key  TEXT NOT NULL UNIQUE,
  kind             TEXT NOT NULL,
  payload          TEXT NOT NULL,
  personal_enc     BLOB,
  created_at       INTEGER NOT NULL,
  state            TEXT NOT NULL DEFAULT 'pending',
  attempts         INTEGER NOT NULL DEFAULT 0,
  next_attempt_at  INTEGER NOT NULL DEFAULT 0,
  last_error       TEXT,
  delivered_at     INTEGER
) STRICT;
CREATE INDEX outbox_pending ON outbox(state, seq);

-- Who read which citizen's personal data, when and why (no personal data in it).
CREATE TABLE audit_log (
  id        INTEGER PRIMARY KEY,
  at        TEXT NOT NULL,
  actor     TEXT NOT NULL,
  action    TEXT NOT NULL,
  id_hash   TEXT,
  subject   TEXT,
  purpose   TEXT NOT NULL
) STRICT;

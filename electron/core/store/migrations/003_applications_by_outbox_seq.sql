-- 003: delivery marks an application by its outbox sequence; without this index each
-- acknowledgement scanned the whole applications table.
CREATE INDEX applications_by_outbox_seq ON applications(outbox_seq);

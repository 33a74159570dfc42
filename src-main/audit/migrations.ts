import type Database from 'better-sqlite3'

/**
 * Numbered schema migrations. `PRAGMA user_version` holds the last one applied; each runs in its own
 * transaction together with the version bump, so a crash leaves the schema at a whole version.
 * Append new migrations; never edit one that has shipped.
 */
export const MIGRATIONS: readonly { version: number; sql: string }[] = [
  {
    version: 1,
    sql: `
-- One row per chain entry. An event is an 'intent' row (written before the server call) and, once
-- the call returns, a 'completion' row pointing at it. Both are chained; neither is ever updated.
CREATE TABLE entries (
  seq INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('intent', 'completion')),
  event_id TEXT,
  time_ms INTEGER NOT NULL,
  connection_id TEXT,
  connection_name TEXT,
  connection_endpoint TEXT,
  actor TEXT,
  action TEXT,
  target_type TEXT,
  target TEXT,
  before_json TEXT,
  details_json TEXT,
  intent_seq INTEGER,
  outcome TEXT CHECK (outcome IS NULL OR outcome IN ('ok', 'error')),
  error_code TEXT,
  error_message TEXT,
  duration_ms INTEGER,
  after_json TEXT,
  hash TEXT NOT NULL,
  CHECK (
    (kind = 'intent' AND event_id IS NOT NULL AND action IS NOT NULL AND target IS NOT NULL
      AND actor IS NOT NULL AND outcome IS NULL AND intent_seq IS NULL)
    OR (kind = 'completion' AND intent_seq IS NOT NULL AND outcome IS NOT NULL AND action IS NULL)
  )
);
CREATE UNIQUE INDEX entries_event_id ON entries (event_id) WHERE kind = 'intent';
-- At most one completion per intent, even with two app instances on one file.
CREATE UNIQUE INDEX entries_completion ON entries (intent_seq) WHERE kind = 'completion';
CREATE INDEX entries_time ON entries (time_ms) WHERE kind = 'intent';
CREATE INDEX entries_connection ON entries (connection_id, seq) WHERE kind = 'intent';
CREATE INDEX entries_action ON entries (action, seq) WHERE kind = 'intent';
CREATE INDEX entries_target ON entries (target, seq) WHERE kind = 'intent';
CREATE INDEX entries_outcome ON entries (outcome, intent_seq) WHERE kind = 'completion';

-- Full-text search over targets and messages; external content, so the text is stored once.
CREATE VIRTUAL TABLE entries_fts USING fts5 (target, error_message, content = 'entries', content_rowid = 'seq');
CREATE TRIGGER entries_fts_insert AFTER INSERT ON entries BEGIN
  INSERT INTO entries_fts (rowid, target, error_message) VALUES (new.seq, new.target, new.error_message);
END;

-- Append-only, enforced in the database as well as in the API: no update ever, and a delete only
-- inside the retention path, which raises the guard for the length of its own transaction.
CREATE TABLE retention_guard (pruning INTEGER NOT NULL);
INSERT INTO retention_guard (pruning) VALUES (0);
CREATE TRIGGER entries_no_update BEFORE UPDATE ON entries BEGIN
  SELECT RAISE(ABORT, 'audit entries are append-only');
END;
CREATE TRIGGER entries_no_delete BEFORE DELETE ON entries WHEN (SELECT pruning FROM retention_guard) = 0 BEGIN
  SELECT RAISE(ABORT, 'audit entries are deleted only by retention');
END;

-- Chain anchor after a prune: the hash and seq of the last pruned entry.
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
`,
  },
  {
    version: 2,
    sql: `
-- Search keyed by event: rowid = intent seq * 2 (+1 for the completion's message), so hits come
-- out of FTS5 already in event order and a page stops after the first few hundred hits.
-- Contentless: the text lives in entries only; contentless_delete lets retention forget rows.
DROP TRIGGER entries_fts_insert;
DROP TABLE entries_fts;
CREATE VIRTUAL TABLE entries_fts USING fts5 (target, error_message, content = '', contentless_delete = 1);
CREATE TRIGGER entries_fts_insert AFTER INSERT ON entries WHEN new.kind = 'intent' OR new.error_message IS NOT NULL BEGIN
  INSERT INTO entries_fts (rowid, target, error_message)
  VALUES (CASE WHEN new.kind = 'intent' THEN new.seq * 2 ELSE new.intent_seq * 2 + 1 END, new.target, new.error_message);
END;
INSERT INTO entries_fts (rowid, target, error_message)
  SELECT CASE WHEN kind = 'intent' THEN seq * 2 ELSE intent_seq * 2 + 1 END, target, error_message
  FROM entries WHERE kind = 'intent' OR error_message IS NOT NULL;
`,
  },
]

/**
 * Applies every migration newer than the database's user_version, each in its own IMMEDIATE
 * transaction. The version is read again inside the lock, so two instances opening one fresh file
 * at once apply each migration exactly once.
 */
export function migrate(db: Database.Database): number {
  for (const migration of MIGRATIONS) {
    db.transaction(() => {
      const current = db.pragma('user_version', { simple: true }) as number
      if (migration.version <= current) return
      db.exec(migration.sql)
      db.pragma(`user_version = ${migration.version}`)
    }).immediate()
  }
  return db.pragma('user_version', { simple: true }) as number
}

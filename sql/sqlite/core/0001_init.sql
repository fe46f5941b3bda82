-- Core tables: users and their village scope, sessions, settings, the log.
CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  username TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('admin','jiwei','dept','accountant','village','supervisor','inspector')),
  dept TEXT,
  person_id INTEGER,
  password_hash TEXT NOT NULL,
  failed_logins INTEGER NOT NULL DEFAULT 0,
  locked_until TEXT,
  disabled INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  password_changed_at TEXT NOT NULL
);

CREATE TABLE user_village (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id),
  village_id INTEGER NOT NULL,
  UNIQUE (user_id, village_id)
);

-- Sessions are not business records: they are not logged, and are deleted on logout.
CREATE TABLE sessions (
  id_hash TEXT PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id),
  csrf TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE settings (
  id INTEGER PRIMARY KEY,
  key TEXT NOT NULL UNIQUE,
  value TEXT NOT NULL
);

-- The log: one row per leaf of the Merkle tree.  entry is the exact canonical
-- JSON that is hashed; the other columns are copies for querying.
CREATE TABLE trail (
  seq INTEGER PRIMARY KEY,
  ts TEXT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  entity TEXT NOT NULL,
  key TEXT NOT NULL,
  village_id INTEGER,
  entry TEXT NOT NULL,
  leaf_hash TEXT NOT NULL
);
CREATE INDEX trail_entity_key ON trail(entity, key, seq);
CREATE INDEX trail_village ON trail(village_id, seq);

-- Complete perfect-subtree hashes (level 0 = leaves), written as they form.
CREATE TABLE trail_node (
  level INTEGER NOT NULL,
  idx INTEGER NOT NULL,
  hash TEXT NOT NULL,
  PRIMARY KEY (level, idx)
);

-- One row: the tree size and its right edge, so appends need no scan.
CREATE TABLE trail_head (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  size INTEGER NOT NULL,
  frontier TEXT NOT NULL
);
INSERT INTO trail_head (id, size, frontier) VALUES (1, 0, '');

CREATE TRIGGER trail_no_update BEFORE UPDATE ON trail
BEGIN SELECT RAISE(ABORT, 'trail is append-only'); END;
CREATE TRIGGER trail_no_delete BEFORE DELETE ON trail
BEGIN SELECT RAISE(ABORT, 'trail is append-only'); END;
CREATE TRIGGER trail_node_no_update BEFORE UPDATE ON trail_node
BEGIN SELECT RAISE(ABORT, 'trail is append-only'); END;
CREATE TRIGGER trail_node_no_delete BEFORE DELETE ON trail_node
BEGIN SELECT RAISE(ABORT, 'trail is append-only'); END;

-- Rectification (巡察整改, 审计整改, 督查, 信访, 预警): the problem list with its
-- responsible owner and deadline, the task list of measures, evidence files
-- (content-addressed by SHA-256), and 销号 by the discipline commission.
CREATE TABLE rectifications (
  id INTEGER PRIMARY KEY,
  village_id INTEGER NOT NULL REFERENCES villages(id),
  ref TEXT NOT NULL,
  source TEXT NOT NULL CHECK (source IN ('巡察','审计','督查','信访','预警')),
  source_ref TEXT,
  problem TEXT NOT NULL,
  owner TEXT,
  owner_user_id INTEGER REFERENCES users(id),
  deadline TEXT NOT NULL,
  created_date TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('open','done','closed')),
  done_date TEXT,
  closed_date TEXT,
  closed_by INTEGER REFERENCES users(id),
  escalated INTEGER NOT NULL DEFAULT 0,
  UNIQUE (village_id, ref)
);
CREATE INDEX rectifications_source ON rectifications(source, state);
CREATE INDEX rectifications_source_ref ON rectifications(village_id, source, source_ref);

CREATE TABLE rect_tasks (
  id INTEGER PRIMARY KEY,
  village_id INTEGER NOT NULL REFERENCES villages(id),
  rectification_id INTEGER NOT NULL REFERENCES rectifications(id),
  measure TEXT NOT NULL,
  owner TEXT,
  deadline TEXT NOT NULL,
  done_date TEXT,
  note TEXT
);
CREATE INDEX rect_tasks_r ON rect_tasks(rectification_id);

CREATE TABLE rect_evidence (
  id INTEGER PRIMARY KEY,
  village_id INTEGER NOT NULL REFERENCES villages(id),
  rectification_id INTEGER NOT NULL REFERENCES rectifications(id),
  sha256 TEXT NOT NULL,
  filename TEXT NOT NULL,
  size INTEGER NOT NULL,
  uploaded_at TEXT NOT NULL,
  user_id INTEGER REFERENCES users(id),
  UNIQUE (rectification_id, sha256)
);

-- The bytes, once per SHA-256 (content-addressed): not a logged table; the log
-- holds the hash in rect_evidence.
CREATE TABLE rect_files (
  sha256 TEXT PRIMARY KEY,
  size INTEGER NOT NULL,
  content BLOB NOT NULL
);

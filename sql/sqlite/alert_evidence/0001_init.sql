-- Evidence files of red-flag alerts (预警核查的证据材料): one row per file
-- uploaded to an alert, logged; the bytes are stored once per SHA-256 in
-- alert_evidence_files (content-addressed, not logged: the log holds the hash).
CREATE TABLE alert_evidence_files (
  file_key TEXT PRIMARY KEY,
  size INTEGER NOT NULL,
  content BLOB NOT NULL
);

CREATE TABLE alert_evidence (
  id INTEGER PRIMARY KEY,
  alert_id INTEGER NOT NULL REFERENCES alerts(id),
  village_id INTEGER NOT NULL REFERENCES villages(id),
  filename TEXT NOT NULL,
  content_type TEXT NOT NULL,
  size INTEGER NOT NULL,
  sha256 TEXT NOT NULL,
  file_key TEXT NOT NULL REFERENCES alert_evidence_files(file_key),
  note TEXT,
  uploaded_by INTEGER NOT NULL REFERENCES users(id),
  uploaded_at TEXT NOT NULL,
  UNIQUE (alert_id, sha256)
);
CREATE INDEX alert_evidence_village ON alert_evidence(village_id);

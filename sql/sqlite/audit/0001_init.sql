-- Audits (审计): 一年一审 of each village secretary, 离任审计 of a departing
-- 书记 or 主任, special audits; reports and findings, each finding turned into a
-- rectification task.
CREATE TABLE audits (
  id INTEGER PRIMARY KEY,
  village_id INTEGER NOT NULL REFERENCES villages(id),
  ref TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('年度','离任','专项')),
  topic TEXT,
  subject_person_id INTEGER REFERENCES people(id),
  period_from TEXT,
  period_to TEXT,
  planned_date TEXT,
  auditor TEXT,
  report_date TEXT,
  summary TEXT,
  findings INTEGER,
  UNIQUE (village_id, ref)
);
CREATE INDEX audits_subject ON audits(subject_person_id, kind);

CREATE TABLE audit_findings (
  id INTEGER PRIMARY KEY,
  village_id INTEGER NOT NULL REFERENCES villages(id),
  audit_id INTEGER NOT NULL REFERENCES audits(id),
  seq INTEGER NOT NULL,
  description TEXT NOT NULL,
  amount_fen INTEGER,
  rectification_id INTEGER REFERENCES rectifications(id),
  UNIQUE (audit_id, seq)
);

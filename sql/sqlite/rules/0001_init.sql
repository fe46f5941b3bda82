-- Red-flag engine (大数据监督): per-township parameter overrides, the alerts the
-- rules raise with their verification workflow (核查 → 属实/部分属实/不属实 →
-- 整改 → 关闭), the notes and evidence of each verification, and the record of
-- every scan.  An alert is identified by (village, rule, keys); keys is the JSON
-- array text of domain/rules.md's keys.
CREATE TABLE rule_params (
  id INTEGER PRIMARY KEY,
  township TEXT NOT NULL,
  rule TEXT NOT NULL,
  name TEXT NOT NULL,
  value TEXT NOT NULL,
  changed_by INTEGER REFERENCES users(id),
  changed_date TEXT NOT NULL,
  reason TEXT,
  UNIQUE (township, rule, name)
);

CREATE TABLE alerts (
  id INTEGER PRIMARY KEY,
  village_id INTEGER NOT NULL REFERENCES villages(id),
  rule TEXT NOT NULL,
  family TEXT NOT NULL,
  keys TEXT NOT NULL,
  severity TEXT NOT NULL CHECK (severity IN ('high','medium','low')),
  message TEXT NOT NULL,
  evidence TEXT NOT NULL,
  fingerprint TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('new','assigned','checking','confirmed','partial',
    'dismissed','rectifying','closed','lapsed')),
  raised INTEGER NOT NULL DEFAULT 1,
  first_seen TEXT NOT NULL,
  raised_count INTEGER NOT NULL DEFAULT 1,
  assignee_user_id INTEGER REFERENCES users(id),
  assigned_date TEXT,
  verdict TEXT CHECK (verdict IN ('属实','部分属实','不属实')),
  verdict_reason TEXT,
  verdict_date TEXT,
  rectification_id INTEGER REFERENCES rectifications(id),
  closed_date TEXT,
  close_reason TEXT,
  UNIQUE (village_id, rule, keys)
);
CREATE INDEX alerts_state ON alerts(state, severity, village_id);
CREATE INDEX alerts_rule ON alerts(rule, village_id);

CREATE TABLE alert_notes (
  id INTEGER PRIMARY KEY,
  village_id INTEGER NOT NULL REFERENCES villages(id),
  alert_id INTEGER NOT NULL REFERENCES alerts(id),
  kind TEXT NOT NULL CHECK (kind IN ('交办','核查记录','证据','研判','整改','关闭','系统')),
  body TEXT NOT NULL,
  date TEXT NOT NULL,
  user_id INTEGER REFERENCES users(id)
);
CREATE INDEX alert_notes_alert ON alert_notes(alert_id);

CREATE TABLE rule_runs (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('full','village')),
  as_of TEXT NOT NULL,
  village_id INTEGER REFERENCES villages(id),
  families TEXT NOT NULL,
  started_at TEXT NOT NULL,
  findings INTEGER NOT NULL,
  opened INTEGER NOT NULL,
  updated INTEGER NOT NULL,
  lapsed INTEGER NOT NULL,
  closed INTEGER NOT NULL
);
CREATE INDEX rule_runs_kind ON rule_runs(kind, as_of);

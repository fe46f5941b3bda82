-- The year-end assessment (四 实施步骤, 五.3 考评): a set per year (reference
-- date, grade bounds, how many 示范村), its indicator tree (groups and
-- leaves; leaf weights sum to 100), manual scores given by a named assessor
-- with evidence, deductions (扣分), the negative list (一票否决), evidence
-- files (content-addressed by SHA-256), and the results fixed when the year
-- is finalised (score, grade, rank, 示范村, and the breakdown as JSON).
CREATE TABLE assess_sets (
  id INTEGER PRIMARY KEY,
  year INTEGER NOT NULL UNIQUE,
  title TEXT NOT NULL,
  as_of TEXT NOT NULL,
  grade_a INTEGER NOT NULL,
  grade_b INTEGER NOT NULL,
  grade_c INTEGER NOT NULL,
  models INTEGER NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('draft','final')),
  finalized_at TEXT
);

CREATE TABLE assess_indicators (
  id INTEGER PRIMARY KEY,
  year INTEGER NOT NULL,
  code TEXT NOT NULL,
  parent_id INTEGER REFERENCES assess_indicators(id),
  seq INTEGER NOT NULL,
  name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('group','computed','manual')),
  source TEXT,
  weight INTEGER NOT NULL,
  criteria TEXT,
  UNIQUE (year, code)
);

CREATE TABLE assess_evidence (
  id INTEGER PRIMARY KEY,
  village_id INTEGER NOT NULL REFERENCES villages(id),
  year INTEGER NOT NULL,
  sha256 TEXT NOT NULL,
  filename TEXT NOT NULL,
  size INTEGER NOT NULL,
  uploaded_at TEXT NOT NULL,
  user_id INTEGER REFERENCES users(id),
  UNIQUE (village_id, year, sha256)
);

CREATE TABLE assess_scores (
  id INTEGER PRIMARY KEY,
  village_id INTEGER NOT NULL REFERENCES villages(id),
  year INTEGER NOT NULL,
  indicator_id INTEGER NOT NULL REFERENCES assess_indicators(id),
  score_centi INTEGER NOT NULL,
  evidence TEXT NOT NULL,
  evidence_sha256 TEXT,
  assessor TEXT NOT NULL,
  user_id INTEGER REFERENCES users(id),
  scored_date TEXT NOT NULL,
  UNIQUE (village_id, indicator_id)
);

CREATE TABLE assess_deductions (
  id INTEGER PRIMARY KEY,
  village_id INTEGER NOT NULL REFERENCES villages(id),
  year INTEGER NOT NULL,
  points_centi INTEGER NOT NULL CHECK (points_centi > 0),
  reason TEXT NOT NULL,
  measure_code TEXT,
  assessor TEXT NOT NULL,
  user_id INTEGER REFERENCES users(id),
  date TEXT NOT NULL
);
CREATE INDEX assess_deductions_year ON assess_deductions(year, village_id);

CREATE TABLE assess_negative (
  id INTEGER PRIMARY KEY,
  village_id INTEGER NOT NULL REFERENCES villages(id),
  year INTEGER NOT NULL,
  reason TEXT NOT NULL,
  ref TEXT,
  assessor TEXT NOT NULL,
  user_id INTEGER REFERENCES users(id),
  date TEXT NOT NULL
);
CREATE INDEX assess_negative_year ON assess_negative(year, village_id);

CREATE TABLE assess_results (
  id INTEGER PRIMARY KEY,
  village_id INTEGER NOT NULL REFERENCES villages(id),
  year INTEGER NOT NULL,
  total_centi INTEGER NOT NULL,
  grade TEXT NOT NULL,
  rank INTEGER NOT NULL,
  vetoed INTEGER NOT NULL,
  model INTEGER NOT NULL,
  breakdown TEXT NOT NULL,
  UNIQUE (village_id, year)
);

-- The bytes, once per SHA-256: not a logged table; the log holds the hash.
CREATE TABLE assess_files (
  sha256 TEXT PRIMARY KEY,
  size INTEGER NOT NULL,
  content BLOB NOT NULL
);

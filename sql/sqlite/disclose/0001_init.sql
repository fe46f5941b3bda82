-- 三务公开: the township's catalogue overrides (over the embedded
-- domain/disclosure_catalogue.csv), publications with their review chain,
-- finance lines (收入/支出 逐项逐笔) and villagers' objections.  A published
-- publication and every line are never changed: a correction is a new row.
CREATE TABLE disclosure_catalogue (
  id INTEGER PRIMARY KEY,
  township TEXT NOT NULL,
  item_code TEXT NOT NULL,
  category TEXT NOT NULL CHECK (category IN ('党务','村务','财务')),
  name TEXT NOT NULL,
  frequency TEXT NOT NULL CHECK (frequency IN ('monthly','quarterly','annual','event')),
  deadline_days INTEGER NOT NULL,
  basis TEXT,
  active INTEGER NOT NULL DEFAULT 1,
  UNIQUE (township, item_code)
);

CREATE TABLE disclosures (
  id INTEGER PRIMARY KEY,
  village_id INTEGER NOT NULL REFERENCES villages(id),
  item_code TEXT NOT NULL,
  category TEXT NOT NULL,
  period TEXT NOT NULL,
  period_start TEXT NOT NULL,
  period_end TEXT NOT NULL,
  title TEXT NOT NULL,
  body TEXT,
  total_income_fen INTEGER,
  total_expense_fen INTEGER,
  status TEXT NOT NULL CHECK (status IN ('draft','review','approved','rejected','published','withdrawn')),
  source TEXT NOT NULL CHECK (source IN ('录入','导入','账务生成')),
  corrects_id INTEGER REFERENCES disclosures(id),
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  submitted_at TEXT,
  reviewed_by TEXT,
  reviewed_at TEXT,
  review_comment TEXT,
  published_date TEXT,
  retain_until TEXT,
  published_by TEXT
);
CREATE INDEX disclosures_village ON disclosures(village_id, item_code, period);
CREATE INDEX disclosures_published ON disclosures(status, published_date);

CREATE TABLE disclosure_lines (
  id INTEGER PRIMARY KEY,
  village_id INTEGER NOT NULL REFERENCES villages(id),
  disclosure_id INTEGER NOT NULL REFERENCES disclosures(id),
  line_no INTEGER NOT NULL,
  date TEXT NOT NULL,
  summary TEXT NOT NULL,
  income_fen INTEGER NOT NULL,
  expense_fen INTEGER NOT NULL,
  UNIQUE (disclosure_id, line_no)
);

CREATE TABLE disclosure_objections (
  id INTEGER PRIMARY KEY,
  village_id INTEGER NOT NULL REFERENCES villages(id),
  disclosure_id INTEGER NOT NULL REFERENCES disclosures(id),
  ref TEXT NOT NULL UNIQUE,
  received_date TEXT NOT NULL,
  content TEXT NOT NULL,
  due_date TEXT NOT NULL,
  reply TEXT,
  replied_date TEXT,
  replied_by TEXT
);
CREATE INDEX disclosure_objections_of ON disclosure_objections(disclosure_id);

CREATE TRIGGER disclosures_published BEFORE UPDATE ON disclosures
WHEN OLD.status IN ('published','withdrawn')
BEGIN SELECT RAISE(ABORT, 'published disclosure is immutable'); END;
CREATE TRIGGER disclosures_no_delete BEFORE DELETE ON disclosures
BEGIN SELECT RAISE(ABORT, 'disclosures are never deleted'); END;
CREATE TRIGGER disclosure_lines_fixed BEFORE UPDATE ON disclosure_lines
BEGIN SELECT RAISE(ABORT, 'disclosure lines are immutable'); END;
CREATE TRIGGER disclosure_lines_no_delete BEFORE DELETE ON disclosure_lines
BEGIN SELECT RAISE(ABORT, 'disclosure lines are immutable'); END;

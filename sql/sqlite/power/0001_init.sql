-- Petty-power catalogue (小微权力清单) with versions, per-township decision
-- parameters, matters and their steps (五议两公开), attachments (content
-- addressed), 重大事项预报/预审 filings, inquiries (质询), and the admin's
-- holiday calendar corrections laid over domain/holidays.csv.
CREATE TABLE power_items (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL,
  version INTEGER NOT NULL,
  category TEXT NOT NULL CHECK (category IN ('集体管理','便民服务')),
  name TEXT NOT NULL,
  legal_basis TEXT NOT NULL,
  major INTEGER NOT NULL DEFAULT 0,
  prereview INTEGER NOT NULL DEFAULT 0,
  time_limit_days INTEGER,
  note TEXT,
  UNIQUE (code, version)
);

CREATE TABLE power_item_steps (
  id INTEGER PRIMARY KEY,
  item_id INTEGER NOT NULL REFERENCES power_items(id),
  seq INTEGER NOT NULL,
  name TEXT NOT NULL,
  role TEXT NOT NULL,
  documents TEXT,
  time_limit_days INTEGER,
  UNIQUE (item_id, seq)
);

CREATE TABLE power_settings (
  id INTEGER PRIMARY KEY,
  township TEXT NOT NULL UNIQUE,
  major_threshold_fen INTEGER NOT NULL,
  decision_threshold_fen INTEGER NOT NULL,
  publicity_days INTEGER NOT NULL,
  result_publish_days INTEGER NOT NULL
);

CREATE TABLE matters (
  id INTEGER PRIMARY KEY,
  village_id INTEGER NOT NULL REFERENCES villages(id),
  matter_no TEXT NOT NULL,
  title TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('重大','一般')),
  amount_fen INTEGER,
  proposed_date TEXT,
  item_id INTEGER REFERENCES power_items(id),
  UNIQUE (village_id, matter_no)
);

CREATE TABLE matter_steps (
  id INTEGER PRIMARY KEY,
  village_id INTEGER NOT NULL REFERENCES villages(id),
  matter_id INTEGER NOT NULL REFERENCES matters(id),
  seq INTEGER NOT NULL,
  step TEXT NOT NULL,
  date TEXT NOT NULL,
  meeting TEXT,
  members INTEGER,
  attendees INTEGER,
  votes_for INTEGER,
  votes_against INTEGER,
  votes_abstain INTEGER,
  households INTEGER,
  households_present INTEGER,
  minutes TEXT,
  UNIQUE (matter_id, step)
);
CREATE INDEX matter_steps_date ON matter_steps(village_id, step, date);

-- File contents by SHA-256; the attachment rows (logged) carry the hash.
CREATE TABLE power_blobs (
  id INTEGER PRIMARY KEY,
  sha256 TEXT NOT NULL UNIQUE,
  size INTEGER NOT NULL,
  content BLOB NOT NULL
);

CREATE TABLE matter_attachments (
  id INTEGER PRIMARY KEY,
  village_id INTEGER NOT NULL REFERENCES villages(id),
  step_id INTEGER NOT NULL REFERENCES matter_steps(id),
  name TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  size INTEGER NOT NULL
);
CREATE INDEX matter_attachments_step ON matter_attachments(step_id);

CREATE TABLE matter_filings (
  id INTEGER PRIMARY KEY,
  village_id INTEGER NOT NULL REFERENCES villages(id),
  matter_id INTEGER NOT NULL REFERENCES matters(id),
  kind TEXT NOT NULL CHECK (kind IN ('预报','预审')),
  filed_date TEXT NOT NULL,
  content TEXT NOT NULL,
  reply TEXT CHECK (reply IN ('同意','修改后同意','不同意')),
  reply_date TEXT,
  reply_text TEXT
);
CREATE INDEX matter_filings_matter ON matter_filings(matter_id);

CREATE TABLE inquiries (
  id INTEGER PRIMARY KEY,
  village_id INTEGER NOT NULL REFERENCES villages(id),
  matter_id INTEGER REFERENCES matters(id),
  asker_role TEXT NOT NULL,
  asker TEXT NOT NULL,
  question TEXT NOT NULL,
  asked_date TEXT NOT NULL,
  due_date TEXT NOT NULL,
  answer TEXT,
  answered_date TEXT
);
CREATE INDEX inquiries_village ON inquiries(village_id, answered_date);

CREATE TABLE holidays (
  id INTEGER PRIMARY KEY,
  date TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL CHECK (kind IN ('holiday','workday','normal')),
  name TEXT NOT NULL
);

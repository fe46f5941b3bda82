-- Complaints (信访举报): the discipline commission's public keys, the complaints
-- (identity only as a sealed box, receipt code only as a hash, the complainant's
-- words beside a salted digest that the log keeps instead of them), every
-- workflow step, links between complaints, extensions, messages with the
-- complainant, and the per-address intake counter of the public form.
CREATE TABLE complaint_keys (
  id INTEGER PRIMARY KEY,
  public_key TEXT NOT NULL UNIQUE,
  fingerprint TEXT NOT NULL,
  created_at TEXT NOT NULL
);

CREATE TABLE complaints (
  id INTEGER PRIMARY KEY,
  village_id INTEGER NOT NULL REFERENCES villages(id),
  ref TEXT NOT NULL,
  track TEXT NOT NULL CHECK (track IN ('xinfang','jijian')),
  channel TEXT NOT NULL CHECK (channel IN ('来信','来访','电话','网络','其他')),
  anonymous INTEGER NOT NULL DEFAULT 0,
  category TEXT,
  subject TEXT NOT NULL,
  content TEXT,
  result TEXT,
  text_salt TEXT NOT NULL,
  text_digest TEXT NOT NULL,
  accused_person_id INTEGER REFERENCES people(id),
  key_id INTEGER REFERENCES complaint_keys(id),
  identity_box TEXT,
  receipt_hash TEXT UNIQUE,
  received_date TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('registered','accepted','rejected','transferred',
    'assigned','handling','concluded','replied','review_requested','reviewed',
    'recheck_requested','rechecked','closed')),
  decision TEXT CHECK (decision IN ('受理','不予受理','转办')),
  decision_date TEXT,
  accepted_date TEXT,
  handler_user_id INTEGER REFERENCES users(id),
  assigned_date TEXT,
  concluded_date TEXT,
  outcome TEXT CHECK (outcome IN ('属实','部分属实','不属实','其他')),
  replied_date TEXT,
  satisfaction TEXT CHECK (satisfaction IN ('满意','基本满意','不满意')),
  closed_date TEXT,
  due_code TEXT,
  due_date TEXT,
  extended INTEGER NOT NULL DEFAULT 0,
  escalated INTEGER NOT NULL DEFAULT 0,
  UNIQUE (village_id, ref)
);
CREATE INDEX complaints_due ON complaints(due_date);
CREATE INDEX complaints_handler ON complaints(handler_user_id);
CREATE INDEX complaints_accused ON complaints(accused_person_id);

-- One row per workflow step; text is staff's words (reasons, opinions,
-- replies) and is kept out of the log like the complaint's own words.
CREATE TABLE complaint_actions (
  id INTEGER PRIMARY KEY,
  village_id INTEGER NOT NULL REFERENCES villages(id),
  complaint_id INTEGER NOT NULL REFERENCES complaints(id),
  action TEXT NOT NULL,
  from_state TEXT,
  to_state TEXT NOT NULL,
  date TEXT NOT NULL,
  user_id INTEGER REFERENCES users(id),
  to_public INTEGER NOT NULL DEFAULT 0,
  body TEXT,
  body_salt TEXT,
  body_digest TEXT
);
CREATE INDEX complaint_actions_c ON complaint_actions(complaint_id);

CREATE TABLE complaint_links (
  id INTEGER PRIMARY KEY,
  village_id INTEGER NOT NULL REFERENCES villages(id),
  complaint_id INTEGER NOT NULL REFERENCES complaints(id),
  other_id INTEGER NOT NULL REFERENCES complaints(id),
  kind TEXT NOT NULL CHECK (kind IN ('重复','相关')),
  UNIQUE (complaint_id, other_id)
);

CREATE TABLE complaint_extensions (
  id INTEGER PRIMARY KEY,
  village_id INTEGER NOT NULL REFERENCES villages(id),
  complaint_id INTEGER NOT NULL REFERENCES complaints(id),
  due_code TEXT NOT NULL,
  days INTEGER NOT NULL,
  old_due TEXT NOT NULL,
  new_due TEXT NOT NULL,
  reason TEXT NOT NULL,
  reason_salt TEXT NOT NULL,
  reason_digest TEXT NOT NULL,
  user_id INTEGER REFERENCES users(id),
  date TEXT NOT NULL,
  UNIQUE (complaint_id, due_code)
);

-- Not business records: how many complaints one (hashed) address filed in one
-- hour, for the public form's rate limit.  Never linked to a complaint.
CREATE TABLE complaint_intake_rate (
  bucket TEXT NOT NULL,
  hour_key TEXT NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (bucket, hour_key)
);

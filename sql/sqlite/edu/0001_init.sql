-- Education and culture (programme measures 12–14): activities (廉政家访,
-- 好家风评选, 以案五说 warning education, 纪法教育, 道德讲堂, 农家书屋 updates …)
-- with their date, village, participants, attendance and materials (files
-- content-addressed by SHA-256); the township's warning-education case
-- library; 好家风 household records; and the versions of each village's
-- 村规民约 with the decision matter that adopted them.
CREATE TABLE edu_cases (
  id INTEGER PRIMARY KEY,
  village_id INTEGER REFERENCES villages(id),
  title TEXT NOT NULL,
  year INTEGER NOT NULL,
  category TEXT NOT NULL,
  summary TEXT NOT NULL,
  lesson TEXT,
  source TEXT,
  created_date TEXT NOT NULL,
  UNIQUE (title, year)
);

CREATE TABLE edu_activities (
  id INTEGER PRIMARY KEY,
  village_id INTEGER NOT NULL REFERENCES villages(id),
  kind TEXT NOT NULL,
  title TEXT NOT NULL,
  date TEXT NOT NULL,
  place TEXT,
  participants TEXT NOT NULL,
  expected INTEGER NOT NULL,
  attended INTEGER NOT NULL,
  materials TEXT,
  case_id INTEGER REFERENCES edu_cases(id),
  person_id INTEGER REFERENCES people(id),
  user_id INTEGER REFERENCES users(id)
);
CREATE INDEX edu_activities_village ON edu_activities(village_id, date);

CREATE TABLE edu_materials (
  id INTEGER PRIMARY KEY,
  village_id INTEGER NOT NULL REFERENCES villages(id),
  activity_id INTEGER NOT NULL REFERENCES edu_activities(id),
  sha256 TEXT NOT NULL,
  filename TEXT NOT NULL,
  size INTEGER NOT NULL,
  uploaded_at TEXT NOT NULL,
  user_id INTEGER REFERENCES users(id),
  UNIQUE (activity_id, sha256)
);

CREATE TABLE edu_families (
  id INTEGER PRIMARY KEY,
  village_id INTEGER NOT NULL REFERENCES villages(id),
  year INTEGER NOT NULL,
  household_no TEXT NOT NULL,
  head_name TEXT NOT NULL,
  title TEXT NOT NULL,
  deeds TEXT,
  activity_id INTEGER REFERENCES edu_activities(id),
  UNIQUE (village_id, year, household_no, title)
);

CREATE TABLE edu_village_rules (
  id INTEGER PRIMARY KEY,
  village_id INTEGER NOT NULL REFERENCES villages(id),
  version INTEGER NOT NULL,
  title TEXT NOT NULL,
  adopted_date TEXT NOT NULL,
  matter_no TEXT NOT NULL,
  content TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  note TEXT,
  UNIQUE (village_id, version)
);

-- The bytes, once per SHA-256: not a logged table; the log holds the hash.
CREATE TABLE edu_files (
  sha256 TEXT PRIMARY KEY,
  size INTEGER NOT NULL,
  content BLOB NOT NULL
);

-- Programme tasks (五.1–2 任务清单): the programme's own measures (pre-loaded
-- from domain/programme.csv), yearly tasks per measure assigned to a responsible
-- unit and, for the villages' own tasks, to a village; milestones, progress
-- notes and evidence files (content-addressed by SHA-256).
CREATE TABLE plan_measures (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  part TEXT NOT NULL,
  name TEXT NOT NULL,
  summary TEXT NOT NULL,
  units TEXT NOT NULL,
  start_month TEXT NOT NULL,
  end_month TEXT NOT NULL
);

CREATE TABLE plan_tasks (
  id INTEGER PRIMARY KEY,
  village_id INTEGER REFERENCES villages(id),
  measure_id INTEGER NOT NULL REFERENCES plan_measures(id),
  year INTEGER NOT NULL,
  title TEXT NOT NULL,
  unit TEXT NOT NULL,
  due_date TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('open','done')),
  percent INTEGER NOT NULL DEFAULT 0,
  done_date TEXT,
  created_date TEXT NOT NULL
);
CREATE INDEX plan_tasks_year ON plan_tasks(year, measure_id);
CREATE INDEX plan_tasks_village ON plan_tasks(village_id, year);

CREATE TABLE plan_milestones (
  id INTEGER PRIMARY KEY,
  village_id INTEGER REFERENCES villages(id),
  task_id INTEGER NOT NULL REFERENCES plan_tasks(id),
  title TEXT NOT NULL,
  due_date TEXT NOT NULL,
  done_date TEXT
);
CREATE INDEX plan_milestones_task ON plan_milestones(task_id);

CREATE TABLE plan_notes (
  id INTEGER PRIMARY KEY,
  village_id INTEGER REFERENCES villages(id),
  task_id INTEGER NOT NULL REFERENCES plan_tasks(id),
  date TEXT NOT NULL,
  percent INTEGER NOT NULL CHECK (percent BETWEEN 0 AND 100),
  note TEXT NOT NULL,
  user_id INTEGER REFERENCES users(id)
);
CREATE INDEX plan_notes_task ON plan_notes(task_id);

CREATE TABLE plan_evidence (
  id INTEGER PRIMARY KEY,
  village_id INTEGER REFERENCES villages(id),
  task_id INTEGER NOT NULL REFERENCES plan_tasks(id),
  sha256 TEXT NOT NULL,
  filename TEXT NOT NULL,
  size INTEGER NOT NULL,
  uploaded_at TEXT NOT NULL,
  user_id INTEGER REFERENCES users(id),
  UNIQUE (task_id, sha256)
);

-- The bytes, once per SHA-256: not a logged table; the log holds the hash.
CREATE TABLE plan_files (
  sha256 TEXT PRIMARY KEY,
  size INTEGER NOT NULL,
  content BLOB NOT NULL
);

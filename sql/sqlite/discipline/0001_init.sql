-- Discipline cases by the 四种形态 (four forms of supervision and discipline
-- enforcement), their sub-kinds and outcomes.  Visible to the commission only.
CREATE TABLE discipline_cases (
  id INTEGER PRIMARY KEY,
  village_id INTEGER NOT NULL REFERENCES villages(id),
  ref TEXT NOT NULL,
  person_id INTEGER NOT NULL REFERENCES people(id),
  form INTEGER NOT NULL CHECK (form BETWEEN 1 AND 4),
  kind TEXT NOT NULL,
  opened_date TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('open','decided','revoked')),
  decided_date TEXT,
  outcome TEXT,
  complaint_id INTEGER REFERENCES complaints(id),
  note TEXT,
  UNIQUE (village_id, ref)
);
CREATE INDEX discipline_person ON discipline_cases(person_id);

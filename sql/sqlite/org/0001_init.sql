-- Org registry: villages, 片区, people (households by household_no), positions and
-- terms, declared relatives, reserve cadres, supervision assignments (四员联督),
-- the cadres' integrity archive.
CREATE TABLE districts (
  id INTEGER PRIMARY KEY,
  township TEXT NOT NULL,
  name TEXT NOT NULL,
  UNIQUE (township, name)
);

CREATE TABLE villages (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('村','居')),
  township TEXT NOT NULL,
  district_id INTEGER REFERENCES districts(id),
  households INTEGER,
  population INTEGER
);

CREATE TABLE people (
  id INTEGER PRIMARY KEY,
  id_no TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  village_id INTEGER NOT NULL REFERENCES villages(id),
  household_no TEXT,
  death_date TEXT,
  moved_out_date TEXT,
  party_member INTEGER NOT NULL DEFAULT 0,
  phone TEXT
);
CREATE INDEX people_village ON people(village_id, household_no);

CREATE TABLE positions (
  id INTEGER PRIMARY KEY,
  village_id INTEGER NOT NULL REFERENCES villages(id),
  person_id INTEGER NOT NULL REFERENCES people(id),
  post TEXT NOT NULL,
  start_date TEXT NOT NULL,
  end_date TEXT,
  UNIQUE (village_id, person_id, post, start_date)
);
CREATE INDEX positions_person ON positions(person_id);

CREATE TABLE relatives (
  id INTEGER PRIMARY KEY,
  village_id INTEGER NOT NULL REFERENCES villages(id),
  cadre_id INTEGER NOT NULL REFERENCES people(id),
  relative_id INTEGER NOT NULL REFERENCES people(id),
  relation TEXT NOT NULL,
  declared_date TEXT,
  UNIQUE (cadre_id, relative_id)
);

CREATE TABLE archive_events (
  id INTEGER PRIMARY KEY,
  village_id INTEGER NOT NULL REFERENCES villages(id),
  person_id INTEGER NOT NULL REFERENCES people(id),
  kind TEXT NOT NULL CHECK (kind IN ('廉政承诺','述职述廉','谈心谈话','民主评议','廉政家访')),
  date TEXT NOT NULL,
  note TEXT,
  UNIQUE (village_id, person_id, kind, date)
);
CREATE INDEX archive_events_date ON archive_events(date);

CREATE TABLE reserve_cadres (
  id INTEGER PRIMARY KEY,
  village_id INTEGER NOT NULL REFERENCES villages(id),
  person_id INTEGER NOT NULL REFERENCES people(id),
  added_date TEXT NOT NULL,
  reviewed_date TEXT,
  status TEXT NOT NULL DEFAULT '在库' CHECK (status IN ('在库','已任用','已退出')),
  note TEXT,
  UNIQUE (village_id, person_id)
);

CREATE TABLE assignments (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('片区纪委委员','勤廉督导员','村纪检委员','村监委会成员')),
  village_id INTEGER REFERENCES villages(id),
  district_id INTEGER REFERENCES districts(id),
  person_id INTEGER REFERENCES people(id),
  user_id INTEGER REFERENCES users(id),
  start_date TEXT NOT NULL,
  end_date TEXT
);

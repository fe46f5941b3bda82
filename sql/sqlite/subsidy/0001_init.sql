-- 惠民资金: programmes, their yearly standards (每人每期上限), and payments to
-- persons of the register (the recipient lists).  Public pages show payments
-- masked (domain/masking.md); a villager's self-query sees their own.
CREATE TABLE subsidy_programmes (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  department TEXT,
  note TEXT
);

CREATE TABLE subsidy_standards (
  id INTEGER PRIMARY KEY,
  programme_id INTEGER NOT NULL REFERENCES subsidy_programmes(id),
  year INTEGER NOT NULL,
  max_amount_fen INTEGER NOT NULL,
  UNIQUE (programme_id, year)
);

CREATE TABLE subsidy_payments (
  id INTEGER PRIMARY KEY,
  village_id INTEGER NOT NULL REFERENCES villages(id),
  programme_id INTEGER NOT NULL REFERENCES subsidy_programmes(id),
  person_id INTEGER NOT NULL REFERENCES people(id),
  name TEXT NOT NULL,
  period TEXT NOT NULL,
  amount_fen INTEGER NOT NULL,
  paid_date TEXT,
  bank_account TEXT,
  UNIQUE (village_id, programme_id, person_id, period)
);
CREATE INDEX subsidy_payments_village ON subsidy_payments(village_id, period);
CREATE INDEX subsidy_payments_person ON subsidy_payments(person_id);

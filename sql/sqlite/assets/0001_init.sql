-- Assets and resources (三资 beyond the books): fixed assets with straight-line
-- depreciation by month, resources (land, water, forest) with area in hundredths
-- of a 亩, contracts (发包/租赁) on either, their bills and the receipts recorded
-- against each bill.  subject_no, trade_no and matter_no are kept as written
-- (imports of paper records may name nothing): they are not foreign keys.
CREATE TABLE assets (
  id INTEGER PRIMARY KEY,
  village_id INTEGER NOT NULL REFERENCES villages(id),
  asset_no TEXT NOT NULL,
  name TEXT NOT NULL,
  category TEXT,
  acquired_date TEXT NOT NULL,
  original_value_fen INTEGER NOT NULL CHECK (original_value_fen >= 50000),
  useful_life_months INTEGER NOT NULL CHECK (useful_life_months > 12),
  salvage_fen INTEGER NOT NULL DEFAULT 0 CHECK (salvage_fen >= 0),
  location TEXT,
  status TEXT NOT NULL CHECK (status IN ('在用','出租','闲置','处置')),
  disposed_date TEXT,
  UNIQUE (village_id, asset_no)
);

CREATE TABLE resources (
  id INTEGER PRIMARY KEY,
  village_id INTEGER NOT NULL REFERENCES villages(id),
  resource_no TEXT NOT NULL,
  name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('耕地','林地','园地','水面','四荒地','建设用地','其他')),
  area_mu_x100 INTEGER NOT NULL CHECK (area_mu_x100 >= 0),
  location TEXT,
  UNIQUE (village_id, resource_no)
);

CREATE TABLE contracts (
  id INTEGER PRIMARY KEY,
  village_id INTEGER NOT NULL REFERENCES villages(id),
  contract_no TEXT NOT NULL,
  subject_no TEXT NOT NULL,
  counterparty TEXT NOT NULL,
  counterparty_id TEXT,
  sign_date TEXT NOT NULL,
  start_date TEXT NOT NULL,
  end_date TEXT NOT NULL,
  annual_rent_fen INTEGER NOT NULL CHECK (annual_rent_fen >= 0),
  area_mu_x100 INTEGER,
  trade_no TEXT,
  matter_no TEXT,
  original_end_date TEXT,
  terminate_reason TEXT,
  CHECK (end_date >= start_date),
  UNIQUE (village_id, contract_no)
);
CREATE INDEX contracts_subject ON contracts(village_id, subject_no, start_date);
CREATE INDEX contracts_trade ON contracts(village_id, trade_no);

CREATE TABLE contract_bills (
  id INTEGER PRIMARY KEY,
  village_id INTEGER NOT NULL REFERENCES villages(id),
  contract_id INTEGER NOT NULL REFERENCES contracts(id),
  due_date TEXT NOT NULL,
  amount_due_fen INTEGER NOT NULL CHECK (amount_due_fen >= 0),
  paid_date TEXT,
  amount_paid_fen INTEGER NOT NULL DEFAULT 0 CHECK (amount_paid_fen >= 0),
  UNIQUE (contract_id, due_date)
);
CREATE INDEX contract_bills_due ON contract_bills(village_id, due_date);

CREATE TABLE bill_payments (
  id INTEGER PRIMARY KEY,
  village_id INTEGER NOT NULL REFERENCES villages(id),
  bill_id INTEGER NOT NULL REFERENCES contract_bills(id),
  date TEXT NOT NULL,
  amount_fen INTEGER NOT NULL CHECK (amount_fen > 0),
  voucher_no TEXT,
  note TEXT,
  recorded_by TEXT NOT NULL
);
CREATE INDEX bill_payments_bill ON bill_payments(bill_id, date);

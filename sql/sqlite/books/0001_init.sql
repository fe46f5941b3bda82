-- Collective books (三资): chart of accounts (standard rows have village_id NULL,
-- village sub-accounts their village), vouchers and their lines in fen, the
-- approval chain, attachments (content-addressed), closed periods, and two
-- derived tables that are not logged: per-month and per-year balances (carry = 1
-- for carry-forward vouchers, those with a line on 321) kept as vouchers post,
-- and the voucher number counters.
CREATE TABLE book_accounts (
  id INTEGER PRIMARY KEY,
  chart TEXT NOT NULL,
  village_id INTEGER REFERENCES villages(id),
  code TEXT NOT NULL,
  name TEXT NOT NULL,
  parent_code TEXT,
  direction TEXT NOT NULL CHECK (direction IN ('借','贷')),
  category TEXT NOT NULL,
  tags TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX book_accounts_std ON book_accounts(chart, code) WHERE village_id IS NULL;
CREATE UNIQUE INDEX book_accounts_village ON book_accounts(chart, village_id, code)
  WHERE village_id IS NOT NULL;
CREATE INDEX book_accounts_parent ON book_accounts(chart, parent_code);

CREATE TABLE book_vouchers (
  id INTEGER PRIMARY KEY,
  village_id INTEGER NOT NULL REFERENCES villages(id),
  year INTEGER NOT NULL,
  seq INTEGER NOT NULL,
  voucher_no TEXT NOT NULL,
  date TEXT NOT NULL,
  summary TEXT NOT NULL,
  source TEXT NOT NULL CHECK (source IN ('录入','导入','冲销','结转')),
  status TEXT NOT NULL CHECK (status IN ('draft','pending','rejected','approved','posted','void')),
  steps_done INTEGER NOT NULL DEFAULT 0,
  round INTEGER NOT NULL DEFAULT 0,
  maker_id INTEGER,
  maker TEXT,
  pay_method TEXT CHECK (pay_method IN ('现金','转账','其他')),
  handler TEXT,
  approver TEXT,
  entered_at TEXT,
  matter_no TEXT,
  project_no TEXT,
  contract_no TEXT,
  reverses_id INTEGER REFERENCES book_vouchers(id),
  total_fen INTEGER NOT NULL,
  posted_at TEXT,
  posted_by TEXT,
  UNIQUE (village_id, voucher_no),
  UNIQUE (village_id, year, seq)
);
CREATE UNIQUE INDEX book_vouchers_reverses ON book_vouchers(reverses_id)
  WHERE reverses_id IS NOT NULL;
CREATE INDEX book_vouchers_date ON book_vouchers(village_id, date);
CREATE INDEX book_vouchers_status ON book_vouchers(status, village_id);

CREATE TABLE book_lines (
  id INTEGER PRIMARY KEY,
  village_id INTEGER NOT NULL REFERENCES villages(id),
  voucher_id INTEGER NOT NULL REFERENCES book_vouchers(id),
  line_no INTEGER NOT NULL,
  account_id INTEGER NOT NULL REFERENCES book_accounts(id),
  summary TEXT NOT NULL,
  debit_fen INTEGER NOT NULL,
  credit_fen INTEGER NOT NULL,
  counterparty TEXT,
  counterparty_id TEXT,
  bank_account TEXT,
  UNIQUE (voucher_id, line_no)
);
CREATE INDEX book_lines_account ON book_lines(account_id, voucher_id);

CREATE TABLE book_approvals (
  id INTEGER PRIMARY KEY,
  village_id INTEGER NOT NULL REFERENCES villages(id),
  voucher_id INTEGER NOT NULL REFERENCES book_vouchers(id),
  round INTEGER NOT NULL,
  step INTEGER NOT NULL,
  step_name TEXT NOT NULL,
  decision TEXT NOT NULL CHECK (decision IN ('同意','退回')),
  user_id INTEGER NOT NULL REFERENCES users(id),
  user_name TEXT NOT NULL,
  role TEXT NOT NULL,
  comment TEXT,
  at TEXT NOT NULL
);
CREATE INDEX book_approvals_voucher ON book_approvals(voucher_id, round, step);

CREATE TABLE book_blobs (
  sha256 TEXT PRIMARY KEY,
  size INTEGER NOT NULL,
  content BLOB NOT NULL
);

CREATE TABLE book_attachments (
  id INTEGER PRIMARY KEY,
  village_id INTEGER NOT NULL REFERENCES villages(id),
  voucher_id INTEGER NOT NULL REFERENCES book_vouchers(id),
  sha256 TEXT NOT NULL REFERENCES book_blobs(sha256),
  filename TEXT NOT NULL,
  mime TEXT NOT NULL,
  size INTEGER NOT NULL,
  added_by TEXT NOT NULL,
  added_at TEXT NOT NULL
);
CREATE INDEX book_attachments_voucher ON book_attachments(voucher_id);

CREATE TABLE book_periods (
  id INTEGER PRIMARY KEY,
  village_id INTEGER NOT NULL REFERENCES villages(id),
  period TEXT NOT NULL,
  closed_at TEXT NOT NULL,
  closed_by TEXT NOT NULL,
  UNIQUE (village_id, period)
);

CREATE TABLE book_balances (
  village_id INTEGER NOT NULL,
  account_id INTEGER NOT NULL,
  period TEXT NOT NULL,
  carry INTEGER NOT NULL,
  debit_fen INTEGER NOT NULL,
  credit_fen INTEGER NOT NULL,
  PRIMARY KEY (village_id, account_id, period, carry)
);
-- Month rows "2025-03", year rows "Y2025" (after every month in text order), so
-- that a trial balance of every village reads three ranges of this index.
CREATE INDEX book_balances_period ON book_balances(period, village_id, account_id, carry,
  debit_fen, credit_fen);

CREATE TABLE book_seq (
  village_id INTEGER NOT NULL,
  year INTEGER NOT NULL,
  last_seq INTEGER NOT NULL,
  PRIMARY KEY (village_id, year)
);

-- Posted vouchers, their lines and closed periods are never changed in place.
CREATE TRIGGER book_vouchers_posted BEFORE UPDATE ON book_vouchers
WHEN OLD.status IN ('posted','void')
BEGIN SELECT RAISE(ABORT, 'posted voucher is immutable'); END;
CREATE TRIGGER book_vouchers_no_delete BEFORE DELETE ON book_vouchers
BEGIN SELECT RAISE(ABORT, 'vouchers are never deleted'); END;
CREATE TRIGGER book_lines_posted_update BEFORE UPDATE ON book_lines
WHEN (SELECT status FROM book_vouchers WHERE id = OLD.voucher_id) IN ('posted','void')
BEGIN SELECT RAISE(ABORT, 'posted voucher is immutable'); END;
CREATE TRIGGER book_lines_posted_delete BEFORE DELETE ON book_lines
WHEN (SELECT status FROM book_vouchers WHERE id = OLD.voucher_id) IN ('posted','void')
BEGIN SELECT RAISE(ABORT, 'posted voucher is immutable'); END;
CREATE TRIGGER book_periods_no_update BEFORE UPDATE ON book_periods
BEGIN SELECT RAISE(ABORT, 'closed period is immutable'); END;
CREATE TRIGGER book_periods_no_delete BEFORE DELETE ON book_periods
BEGIN SELECT RAISE(ABORT, 'closed period is immutable'); END;

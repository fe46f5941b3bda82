-- A full scan on PostgreSQL reads every village's voucher lines in village,
-- voucher and line order (rules.lines, PostgreSQL variant): straight from this
-- index, without joining the vouchers nor sorting 2.3 million lines of a city.
-- No SQLite twin: its rules.lines reads the lines voucher by voucher through
-- book_lines(voucher_id, line_no), and its import need not keep a second index.
CREATE INDEX IF NOT EXISTS rules_book_lines_village ON book_lines(village_id, voucher_id, line_no);

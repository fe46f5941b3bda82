-- Opening balances kept as vouchers post, so that a year's trial balance reads
-- one row per account for its opening instead of every earlier year.  A row of
-- book_balances with period 'O2025' (carry 0) holds, for its village and
-- account, the debit and credit sums of every posted line dated before
-- 2025-01-01; book_opening_head holds, per village, the last year that has
-- them, always past the village's last posted year, so that the opening of any
-- later year is that year's rows.  A village without a head row has no posted
-- voucher.  Posting, reversals and the year-end carry-forward all keep them
-- (books_voucher.c); balances/check compares them with a recomputation.
CREATE TABLE book_opening_head (
  village_id BIGINT PRIMARY KEY,
  year BIGINT NOT NULL
);
INSERT INTO book_opening_head (village_id, year)
  SELECT village_id, MAX(year) + 1 FROM book_vouchers WHERE status = 'posted'
  GROUP BY village_id;
WITH RECURSIVE ys(y) AS (
    SELECT MIN(CAST(substr(period, 2) AS BIGINT)) + 1 FROM book_balances WHERE period >= 'Y'
    UNION ALL SELECT y + 1 FROM ys WHERE y < (SELECT MAX(year) FROM book_opening_head))
INSERT INTO book_balances (village_id, account_id, period, carry, debit_fen, credit_fen)
  SELECT b.village_id, b.account_id, 'O' || CAST(ys.y AS TEXT), 0, SUM(b.debit_fen),
    SUM(b.credit_fen)
  FROM book_balances b JOIN book_opening_head h ON h.village_id = b.village_id
  JOIN ys ON ys.y <= h.year AND CAST(substr(b.period, 2) AS BIGINT) < ys.y
  WHERE b.period >= 'Y'
  GROUP BY b.village_id, b.account_id, ys.y;

-- An account by code whatever its village (the voucher checks' lookup, once
-- per village and code of an import): the two partial unique indexes of
-- 0001_init.sql cannot serve "chart = ? AND code = ?" for either kind of owner.
CREATE INDEX book_accounts_code ON book_accounts(chart, code);

-- The 43 rules of domain/rules.md written as SQL for PostgreSQL, with the default
-- parameters, for the benchmark only (bench/rules/run.sh): the same database and
-- as_of as `qinglian scan`, timed beside it.  Usage:
--   psql -v as_of=2025-12-31 -f bench/rules/rules_pg.sql DB
-- It creates temporary tables only and leaves the alerts in temp table
-- sql_alerts(rule, village, keys), keys joined with ','; the run script prints
-- them.  It is a peer for timing and a cross-check, not the program's engine.
\set ON_ERROR_STOP on
SET client_min_messages = warning;
CREATE TEMP TABLE sql_alerts (rule text, village text, keys text);

-- ---- shared -----------------------------------------------------------------------
CREATE TEMP TABLE asof AS SELECT CAST(:'as_of' AS date) AS d, CAST(:'as_of' AS text) AS t;

-- payment vouchers and their sums by the accounts' tags (posted, dated by as_of)
CREATE TEMP TABLE pv AS
SELECT v.id, v.village_id, v.voucher_no, v.date, v.pay_method, v.handler, v.approver,
       v.entered_at, v.matter_no, v.project_no,
       SUM(CASE WHEN a.tags ~ '\m(cash|bank)\M' THEN l.credit_fen - l.debit_fen ELSE 0 END) AS cb,
       bool_or(a.tags ~ '\mcash\M' AND l.credit_fen > 0) AS cash_cr,
       bool_or(a.tags ~ '\mpayroll\M' AND l.debit_fen > 0) AS payroll,
       bool_or(a.code LIKE '321%') AS carry,
       SUM(CASE WHEN a.tags ~ '\mincome\M' THEN l.credit_fen - l.debit_fen ELSE 0 END) AS income,
       SUM(CASE WHEN a.tags ~ '\mexpense\M' THEN l.debit_fen - l.credit_fen ELSE 0 END) AS expense,
       SUM(CASE WHEN a.tags ~ '\mnonproductive\M' THEN l.debit_fen - l.credit_fen ELSE 0 END) AS nonprod,
       (array_agg(l.counterparty_id ORDER BY l.line_no)
          FILTER (WHERE COALESCE(l.counterparty_id, '') <> ''))[1] AS party_id,
       (array_agg(l.counterparty ORDER BY l.line_no)
          FILTER (WHERE COALESCE(l.counterparty, '') <> ''))[1] AS party
FROM book_vouchers v JOIN book_lines l ON l.voucher_id = v.id
JOIN book_accounts a ON a.id = l.account_id, asof
WHERE v.status = 'posted' AND v.date <= asof.t
GROUP BY v.id;
ALTER TABLE pv ADD COLUMN paid bigint, ADD COLUMN cash boolean, ADD COLUMN pkey text;
UPDATE pv SET paid = GREATEST(cb, 0),
  cash = cb > 0 AND (pay_method = '现金' OR cash_cr),
  pkey = COALESCE(party_id, NULLIF(regexp_replace(party, '[[:space:]　]', '', 'g'), ''));
CREATE INDEX ON pv (village_id);
CREATE INDEX ON pv (village_id, matter_no);
CREATE INDEX ON pv (village_id, project_no);

-- posts begun by as_of, with the holder's id_no
CREATE TEMP TABLE posts AS
SELECT p.id, p.village_id, p.person_id, x.id_no, p.post, CAST(p.start_date AS date) AS s,
       CAST(COALESCE(p.end_date, '9999-12-31') AS date) AS e, p.end_date
FROM positions p JOIN people x ON x.id = p.person_id, asof WHERE p.start_date <= asof.t;
CREATE INDEX ON posts (village_id, person_id);
CREATE TEMP TABLE pairs AS
SELECT cadre_id AS a, relative_id AS b FROM relatives
UNION SELECT relative_id, cadre_id FROM relatives;
CREATE INDEX ON pairs (a);
ANALYZE pv; ANALYZE posts; ANALYZE pairs;
-- related(village, id_no, day): the cadre, or a declared relative of one
CREATE FUNCTION pg_temp.related(v bigint, idno text, day date) RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT EXISTS (SELECT 1 FROM posts p WHERE p.village_id = v AND p.id_no = idno
                 AND p.s <= day AND p.e >= day)
      OR EXISTS (SELECT 1 FROM people y JOIN pairs r ON r.a = y.id
                 JOIN posts p ON p.person_id = r.b AND p.village_id = v
                 WHERE y.id_no = idno AND p.s <= day AND p.e >= day) $$;

-- the village's first day
CREATE TEMP TABLE first_day AS
SELECT v.id AS village_id, v.code, v.township, CAST(LEAST(
  (SELECT MIN(date) FROM archive_events e, asof WHERE e.village_id = v.id AND e.date <= asof.t),
  (SELECT MIN(date) FROM book_vouchers b, asof WHERE b.village_id = v.id AND b.status = 'posted'
     AND b.date <= asof.t),
  (SELECT MIN(period_start) FROM disclosures d, asof WHERE d.village_id = v.id
     AND d.status IN ('published', 'withdrawn') AND d.published_date <= asof.t)) AS date) AS fd
FROM villages v;
CREATE TEMP TABLE years AS
SELECT f.village_id, f.code, y FROM first_day f, asof,
  generate_series(CAST(extract(year FROM f.fd) AS int), CAST(extract(year FROM asof.d) AS int)) y
WHERE f.fd IS NOT NULL;

-- ---- B 账务 --------------------------------------------------------------------------
INSERT INTO sql_alerts SELECT 'B01', v.code, p.voucher_no FROM pv p JOIN villages v ON v.id = p.village_id
WHERE p.cash AND p.paid > 100000;

CREATE TEMP TABLE b02 AS
SELECT p.*, row_number() OVER (PARTITION BY p.village_id, p.pkey ORDER BY p.date, p.voucher_no) rn
FROM pv p WHERE p.paid > 0 AND p.paid < 500000 AND p.pkey IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM matters m WHERE m.village_id = p.village_id AND m.matter_no = p.matter_no);
CREATE INDEX ON b02 (village_id, pkey, rn);
WITH RECURSIVE g AS (
  SELECT village_id, pkey, rn, CAST(date AS date) AS start, 1 AS grp FROM b02 WHERE rn = 1
  UNION ALL
  SELECT c.village_id, c.pkey, c.rn,
         CASE WHEN CAST(c.date AS date) <= g.start + 30 THEN g.start ELSE CAST(c.date AS date) END,
         CASE WHEN CAST(c.date AS date) <= g.start + 30 THEN g.grp ELSE g.grp + 1 END
  FROM g JOIN b02 c ON c.village_id = g.village_id AND c.pkey = g.pkey AND c.rn = g.rn + 1)
INSERT INTO sql_alerts
SELECT 'B02', v.code, string_agg(c.voucher_no, ',' ORDER BY c.voucher_no COLLATE "C")
FROM g JOIN b02 c USING (village_id, pkey, rn) JOIN villages v ON v.id = g.village_id
GROUP BY v.code, g.pkey, g.grp HAVING COUNT(*) >= 2 AND SUM(c.paid) >= 500000;

INSERT INTO sql_alerts SELECT 'B03', v.code, p.voucher_no FROM pv p JOIN villages v ON v.id = p.village_id
WHERE p.paid >= 500000 AND NOT EXISTS (
  SELECT 1 FROM matters m JOIN matter_steps s ON s.matter_id = m.id AND s.step = '决议'
  WHERE m.village_id = p.village_id AND m.matter_no = p.matter_no AND s.date <= p.date);

INSERT INTO sql_alerts SELECT 'B04', v.code, y FROM (
  SELECT village_id, substr(date, 1, 4) AS y, SUM(expense) AS ex, SUM(nonprod) AS np
  FROM pv WHERE NOT carry GROUP BY village_id, substr(date, 1, 4)) t JOIN villages v ON v.id = t.village_id
WHERE ex >= 1000000 AND np * 1000000 > 150000 * ex;

INSERT INTO sql_alerts SELECT 'B05', v.code, p.voucher_no FROM pv p JOIN villages v ON v.id = p.village_id
WHERE p.paid > 0 AND p.party_id IS NOT NULL AND NOT p.payroll
  AND pg_temp.related(p.village_id, p.party_id, CAST(p.date AS date));

INSERT INTO sql_alerts SELECT 'B06', v.code, p.voucher_no FROM pv p JOIN villages v ON v.id = p.village_id, asof
WHERE p.entered_at IS NOT NULL
  AND CAST((CAST(p.entered_at AS timestamptz) AT TIME ZONE 'Asia/Shanghai') AS date) <= asof.d
  AND CAST((CAST(p.entered_at AS timestamptz) AT TIME ZONE 'Asia/Shanghai') AS date) > CAST(p.date AS date) + 30;

INSERT INTO sql_alerts SELECT 'B07', v.code, p.voucher_no FROM pv p JOIN villages v ON v.id = p.village_id
WHERE p.paid > 0 AND (COALESCE(p.handler, '') = '' OR COALESCE(p.approver, '') = '' OR p.handler = p.approver);

INSERT INTO sql_alerts SELECT 'B08', v.code, y FROM (
  SELECT village_id, y, n, SUM(abs(c::float8 / n - log(1 + 1.0 / d))) / 9 AS mad FROM (
    SELECT village_id, y, d, COUNT(x.dg) AS c, SUM(COUNT(x.dg)) OVER (PARTITION BY village_id, y) AS n
    FROM (SELECT DISTINCT village_id, substr(date, 1, 4) AS y FROM pv WHERE paid >= 1000) k
    CROSS JOIN generate_series(1, 9) d
    LEFT JOIN (SELECT village_id AS vi, substr(date, 1, 4) AS yy, CAST(left(CAST(paid AS text), 1) AS int) AS dg
               FROM pv WHERE paid >= 1000) x ON x.vi = k.village_id AND x.yy = k.y AND x.dg = d
    GROUP BY village_id, y, d) t GROUP BY village_id, y, n) m JOIN villages v ON v.id = m.village_id
WHERE n >= 300 AND mad > 0.015;

-- ---- C 合同与资产资源 ------------------------------------------------------------------
CREATE TEMP TABLE con AS
SELECT c.*, v.code, v.township,
  (SELECT MIN(t.id) FROM trades t WHERE t.village_id = c.village_id AND t.trade_no = c.trade_no) AS tid,
  (SELECT MIN(a.id) FROM assets a WHERE a.village_id = c.village_id AND a.asset_no = c.subject_no) AS aid,
  (SELECT MIN(r.kind) FROM resources r WHERE r.village_id = c.village_id AND r.resource_no = c.subject_no) AS kind
FROM contracts c JOIN villages v ON v.id = c.village_id, asof WHERE c.sign_date <= asof.t;
CREATE INDEX ON con (village_id, subject_no);
ANALYZE con;

INSERT INTO sql_alerts SELECT 'C01', code, contract_no FROM con
WHERE tid IS NULL AND annual_rent_fen * (CAST(end_date AS date) - CAST(start_date AS date) + 1) >= 5000000 * 365;

CREATE TEMP TABLE c02 AS SELECT id, township, kind, annual_rent_fen AS r, area_mu_x100 AS a,
  row_number() OVER (PARTITION BY township, kind ORDER BY annual_rent_fen::numeric / area_mu_x100, id) AS rk,
  COUNT(*) OVER (PARTITION BY township, kind) AS cnt
FROM con WHERE kind IS NOT NULL AND area_mu_x100 >= 100;
CREATE INDEX ON c02 (township, kind, rk);
WITH o AS (SELECT c02.*, cnt - 1 AS n, (cnt - 2) / 2 AS k1, (cnt - 1) / 2 AS k2 FROM c02 WHERE cnt - 1 >= 5),
m AS (SELECT o.id, o.r, o.a,
        (SELECT x.r::numeric / x.a FROM c02 x WHERE x.township = o.township AND x.kind = o.kind
           AND x.rk = CASE WHEN o.k1 + 1 < o.rk THEN o.k1 + 1 ELSE o.k1 + 2 END) AS m1,
        (SELECT x.r::numeric / x.a FROM c02 x WHERE x.township = o.township AND x.kind = o.kind
           AND x.rk = CASE WHEN o.k2 + 1 < o.rk THEN o.k2 + 1 ELSE o.k2 + 2 END) AS m2 FROM o)
INSERT INTO sql_alerts SELECT 'C02', c.code, c.contract_no FROM m JOIN con c ON c.id = m.id
WHERE m.r::numeric / m.a < 0.7 * (m.m1 + m.m2) / 2;

INSERT INTO sql_alerts SELECT 'C03', code, contract_no FROM con
WHERE (kind IS NOT NULL AND CAST(end_date AS date) >= CAST(start_date AS date) + interval '30 years')
   OR (kind IS NULL AND aid IS NOT NULL AND CAST(end_date AS date) >= CAST(start_date AS date) + interval '20 years');

INSERT INTO sql_alerts SELECT DISTINCT 'C04', c.code, c.contract_no FROM con c
JOIN contract_bills b ON b.contract_id = c.id, asof
WHERE CAST(b.due_date AS date) + 90 < asof.d AND
  (CASE WHEN EXISTS (SELECT 1 FROM bill_payments p WHERE p.bill_id = b.id)
        THEN (SELECT COALESCE(SUM(p.amount_fen), 0) FROM bill_payments p WHERE p.bill_id = b.id AND p.date <= asof.t)
        WHEN b.paid_date IS NULL OR b.paid_date <= asof.t THEN b.amount_paid_fen ELSE 0 END) < b.amount_due_fen;

INSERT INTO sql_alerts SELECT 'C05', code, contract_no FROM con
WHERE COALESCE(counterparty_id, '') <> '' AND pg_temp.related(village_id, counterparty_id, CAST(sign_date AS date));

INSERT INTO sql_alerts SELECT 'C06', x.code, LEAST(x.contract_no COLLATE "C", y.contract_no COLLATE "C") || ',' || GREATEST(x.contract_no COLLATE "C", y.contract_no COLLATE "C")
FROM con x JOIN con y ON y.village_id = x.village_id AND y.subject_no = x.subject_no AND x.id < y.id
WHERE x.start_date <= y.end_date AND y.start_date <= x.end_date;

-- ---- D 三务公开 ------------------------------------------------------------------------
CREATE TEMP TABLE catalogue (item_code text, category text, name text, frequency text, deadline_days int, basis text);
\copy catalogue FROM 'domain/disclosure_catalogue.csv' WITH (FORMAT csv, HEADER true)
CREATE TEMP TABLE pubs AS SELECT d.* FROM disclosures d, asof
WHERE d.status IN ('published', 'withdrawn') AND d.published_date <= asof.t;
CREATE INDEX ON pubs (village_id, item_code, period);
WITH per AS (
  SELECT f.village_id, f.code, c.item_code, c.deadline_days, c.frequency,
         CAST(g AS date) AS ps,
         CAST(g + CASE c.frequency WHEN 'monthly' THEN interval '1 month' WHEN 'quarterly' THEN interval '3 months'
                    ELSE interval '1 year' END - interval '1 day' AS date) AS pe
  FROM first_day f CROSS JOIN catalogue c, asof,
  LATERAL generate_series(date_trunc(CASE c.frequency WHEN 'monthly' THEN 'month' WHEN 'quarterly' THEN 'quarter' ELSE 'year' END, f.fd),
                          asof.d, CASE c.frequency WHEN 'monthly' THEN interval '1 month' WHEN 'quarterly' THEN interval '3 months'
                                   ELSE interval '1 year' END) g
  WHERE f.fd IS NOT NULL AND c.frequency <> 'event'),
due AS (SELECT per.*, CASE frequency WHEN 'monthly' THEN to_char(ps, 'YYYY-MM')
                      WHEN 'quarterly' THEN to_char(ps, 'YYYY') || '-Q' || to_char(ps, 'Q') ELSE to_char(ps, 'YYYY') END AS period,
               pe + deadline_days AS deadline FROM per)
INSERT INTO sql_alerts SELECT 'D01', code, item_code || ',' || period FROM due, asof
WHERE deadline < asof.d AND NOT EXISTS (SELECT 1 FROM pubs p WHERE p.village_id = due.village_id
  AND p.item_code = due.item_code AND p.period = due.period AND CAST(p.published_date AS date) <= due.deadline);

WITH latest AS (SELECT DISTINCT ON (village_id, item_code, period) * FROM pubs
                ORDER BY village_id, item_code, period, published_date DESC, id DESC)
INSERT INTO sql_alerts SELECT 'D02', v.code, l.item_code || ',' || l.period FROM latest l
JOIN villages v ON v.id = l.village_id,
LATERAL (SELECT COALESCE(SUM(income), 0) AS i, COALESCE(SUM(expense), 0) AS e FROM pv
         WHERE pv.village_id = l.village_id AND NOT carry AND pv.date BETWEEN l.period_start AND l.period_end) b
WHERE (l.total_income_fen IS NOT NULL AND l.total_income_fen <> b.i)
   OR (l.total_expense_fen IS NOT NULL AND l.total_expense_fen <> b.e);

-- ---- K 干部 ----------------------------------------------------------------------------
INSERT INTO sql_alerts SELECT DISTINCT 'K01', y.code, p.id_no || ',' || y.y FROM years y JOIN posts p ON p.village_id = y.village_id, asof
WHERE make_date(y.y, 3, 31) <= asof.d AND p.post IN ('书记', '主任', '副书记', '副主任', '委员')
  AND p.s <= make_date(y.y, 3, 31) AND p.e >= make_date(y.y, 3, 31)
  AND NOT EXISTS (SELECT 1 FROM archive_events e WHERE e.person_id = p.person_id AND e.kind = '廉政承诺'
                  AND CAST(e.date AS date) BETWEEN make_date(y.y, 1, 1) AND make_date(y.y, 3, 31) AND e.date <= asof.t);

INSERT INTO sql_alerts SELECT DISTINCT 'K02', y.code, p.id_no || ',' || y.y FROM years y JOIN posts p ON p.village_id = y.village_id, asof
WHERE make_date(y.y + 1, 1, 31) <= asof.d AND p.post = '书记'
  AND p.s <= make_date(y.y, 12, 31) AND p.e >= make_date(y.y, 12, 31)
  AND NOT EXISTS (SELECT 1 FROM archive_events e WHERE e.person_id = p.person_id AND e.kind = '述职述廉'
                  AND CAST(e.date AS date) BETWEEN make_date(y.y, 7, 1) AND make_date(y.y + 1, 1, 31));

INSERT INTO sql_alerts SELECT DISTINCT 'K03', v.code, p.id_no || ',' || p.end_date FROM posts p JOIN villages v ON v.id = p.village_id, asof
WHERE p.post IN ('书记', '主任') AND p.end_date <= asof.t AND CAST(p.end_date AS date) + 90 < asof.d
  AND NOT EXISTS (SELECT 1 FROM audits a WHERE a.subject_person_id = p.person_id AND a.kind = '离任' AND a.report_date <= asof.t);

INSERT INTO sql_alerts SELECT 'K04', y.code, CAST(y.y AS text) FROM years y, asof
WHERE make_date(y.y + 1, 6, 30) <= asof.d AND NOT EXISTS (
  SELECT 1 FROM audits a WHERE a.village_id = y.village_id AND a.kind = '年度'
  AND CAST(a.period_from AS date) <= make_date(y.y, 1, 1) AND CAST(a.period_to AS date) >= make_date(y.y, 12, 31)
  AND CAST(a.report_date AS date) <= make_date(y.y + 1, 6, 30));

INSERT INTO sql_alerts SELECT DISTINCT 'K05', v.code, m.id_no FROM posts m JOIN villages v ON v.id = m.village_id, asof
WHERE m.post IN ('监委会主任', '监委会委员') AND (
  EXISTS (SELECT 1 FROM posts o WHERE o.village_id = m.village_id AND o.person_id = m.person_id AND o.post <> m.post
          AND GREATEST(o.s, m.s) <= LEAST(o.e, m.e, asof.d))
  OR EXISTS (SELECT 1 FROM pairs r JOIN posts o ON o.person_id = r.b AND o.village_id = m.village_id
             WHERE r.a = m.person_id AND o.post IN ('书记', '主任', '副书记', '副主任', '委员', '报账员', '会计', '出纳')
             AND GREATEST(o.s, m.s) <= LEAST(o.e, m.e, asof.d)));

-- ---- M 议事决策 -------------------------------------------------------------------------
CREATE TEMP TABLE ms AS SELECT s.* FROM matter_steps s, asof WHERE s.date <= asof.t;
CREATE TEMP TABLE macts AS
SELECT c.village_id, c.matter_no, c.sign_date AS d FROM contracts c, asof WHERE c.matter_no IS NOT NULL AND c.sign_date <= asof.t
UNION ALL SELECT j.village_id, j.matter_no, j.contract_date FROM projects j, asof
WHERE j.matter_no IS NOT NULL AND j.contract_date <= asof.t;
CREATE INDEX ON macts (village_id, matter_no);
CREATE INDEX ON ms (matter_id, step);
WITH acts AS (
  SELECT m.id, m.village_id, MIN(a.d) AS first FROM matters m
  JOIN LATERAL (SELECT s.date AS d FROM ms s WHERE s.matter_id = m.id AND s.step = '实施'
                UNION ALL SELECT p.date FROM pv p WHERE p.village_id = m.village_id AND p.matter_no = m.matter_no
                UNION ALL SELECT x.d FROM macts x WHERE x.village_id = m.village_id
                  AND x.matter_no = m.matter_no) a ON true
  WHERE m.kind = '重大' OR m.amount_fen >= 5000000 GROUP BY m.id, m.village_id)
INSERT INTO sql_alerts SELECT 'M01', v.code, m.matter_no FROM acts a JOIN matters m ON m.id = a.id JOIN villages v ON v.id = a.village_id
WHERE (SELECT COUNT(DISTINCT s.step) FROM ms s WHERE s.matter_id = a.id
       AND s.step IN ('提议', '商议', '审议', '决议', '决议公开') AND s.date <= a.first) < 5;

WITH o AS (SELECT s.matter_id, s.date, lag(s.date) OVER (PARTITION BY s.matter_id ORDER BY
             array_position(ARRAY['提议', '商议', '审议', '决议', '决议公开', '实施', '结果公开'], s.step)) AS prev FROM ms s)
INSERT INTO sql_alerts SELECT DISTINCT 'M02', v.code, m.matter_no FROM o JOIN matters m ON m.id = o.matter_id
JOIN villages v ON v.id = m.village_id WHERE o.prev > o.date;

INSERT INTO sql_alerts SELECT 'M03', v.code, m.matter_no || ',' || s.step FROM ms s JOIN matters m ON m.id = s.matter_id
JOIN villages v ON v.id = m.village_id WHERE s.step IN ('审议', '决议')
  AND (s.attendees * 3 < s.members * 2 OR s.votes_for * 2 <= s.attendees);

INSERT INTO sql_alerts SELECT 'M04', v.code, m.matter_no FROM ms s JOIN matters m ON m.id = s.matter_id
JOIN villages v ON v.id = m.village_id, asof
WHERE s.step = '实施' AND CAST(s.date AS date) + 30 < asof.d
  AND NOT EXISTS (SELECT 1 FROM ms r WHERE r.matter_id = s.matter_id AND r.step = '结果公开');

-- ---- P 工程项目与产权交易 --------------------------------------------------------------
CREATE TEMP TABLE pj AS SELECT p.*, v.code FROM projects p JOIN villages v ON v.id = p.village_id, asof
WHERE COALESCE(LEAST(p.registered_date, p.approved_date, p.announced_date, p.bid_date, p.contract_date,
                     p.start_date, p.accepted_date), '') <= asof.t;
CREATE TEMP TABLE bd AS SELECT b.* FROM bids b, asof WHERE b.bid_date IS NULL OR b.bid_date <= asof.t;
CREATE TEMP TABLE tr AS SELECT t.*, v.code FROM trades t JOIN villages v ON v.id = t.village_id, asof WHERE t.listed_date <= asof.t;
CREATE INDEX ON pj (village_id, project_no);
CREATE INDEX ON bd (village_id, ref_no);
ANALYZE pj; ANALYZE bd; ANALYZE tr;

WITH d AS (SELECT pj.id, x.ord, x.dt FROM pj, asof, LATERAL (VALUES (1, approved_date), (2, announced_date), (3, bid_date),
             (4, contract_date), (5, start_date), (6, accepted_date)) x(ord, dt) WHERE x.dt <= asof.t),
o AS (SELECT id, dt, lag(dt) OVER (PARTITION BY id ORDER BY ord) AS prev FROM d)
INSERT INTO sql_alerts SELECT DISTINCT 'P01', pj.code, pj.project_no FROM o JOIN pj ON pj.id = o.id WHERE o.prev > o.dt;

CREATE TEMP TABLE p02 AS
SELECT pj.*, row_number() OVER (PARTITION BY village_id, contractor_id ORDER BY approved_date, project_no) rn
FROM pj, asof WHERE procurement = '直接委托' AND COALESCE(contractor_id, '') <> '' AND budget_fen < 5000000
  AND approved_date <= asof.t;
CREATE INDEX ON p02 (village_id, contractor_id, rn);
WITH RECURSIVE g AS (SELECT village_id, contractor_id, rn, CAST(approved_date AS date) AS start, 1 AS grp FROM p02 WHERE rn = 1
      UNION ALL
      SELECT c.village_id, c.contractor_id, c.rn,
             CASE WHEN CAST(c.approved_date AS date) <= g.start + 90 THEN g.start ELSE CAST(c.approved_date AS date) END,
             CASE WHEN CAST(c.approved_date AS date) <= g.start + 90 THEN g.grp ELSE g.grp + 1 END
      FROM g JOIN p02 c ON c.village_id = g.village_id AND c.contractor_id = g.contractor_id AND c.rn = g.rn + 1)
INSERT INTO sql_alerts SELECT 'P02', MIN(c.code), string_agg(c.project_no, ',' ORDER BY c.project_no COLLATE "C")
FROM g JOIN p02 c USING (village_id, contractor_id, rn) GROUP BY g.village_id, g.contractor_id, g.grp
HAVING COUNT(*) >= 2 AND SUM(c.budget_fen) >= 5000000;

INSERT INTO sql_alerts SELECT 'P03', code, project_no FROM pj WHERE procurement = '直接委托' AND budget_fen >= 5000000;

INSERT INTO sql_alerts SELECT 'P04', code, project_no FROM pj WHERE procurement <> '直接委托'
  AND (SELECT COUNT(*) FROM bd WHERE bd.village_id = pj.village_id AND bd.ref_no = pj.project_no) < 3;
INSERT INTO sql_alerts SELECT 'P04', code, trade_no FROM tr
WHERE (SELECT COUNT(*) FROM bd WHERE bd.village_id = tr.village_id AND bd.ref_no = tr.trade_no) < 3;

WITH s AS (SELECT village_id, ref_no, COUNT(*) n, MIN(price_fen) lo, MAX(price_fen) hi FROM bd GROUP BY village_id, ref_no)
INSERT INTO sql_alerts SELECT 'P05', x.code, x.no FROM (
  SELECT code, project_no AS no, village_id FROM pj UNION ALL SELECT code, trade_no, village_id FROM tr) x
JOIN s ON s.village_id = x.village_id AND s.ref_no = x.no WHERE s.n >= 3 AND s.lo > 0 AND (s.hi - s.lo) * 1000000 < 20000 * s.lo;

WITH y AS (SELECT village_id, code, contractor_id, substr(contract_date, 1, 4) AS yr FROM pj, asof WHERE contract_date <= asof.t),
t AS (SELECT village_id, yr, COUNT(*) AS n FROM y GROUP BY village_id, yr)
INSERT INTO sql_alerts SELECT 'P06', MIN(y.code), y.contractor_id || ',' || y.yr FROM y JOIN t USING (village_id, yr)
WHERE COALESCE(y.contractor_id, '') <> '' GROUP BY y.village_id, y.contractor_id, y.yr, t.n
HAVING COUNT(*) >= 3 AND 2 * COUNT(*) >= t.n;

INSERT INTO sql_alerts SELECT 'P07', code, project_no FROM pj, asof WHERE COALESCE(contractor_id, '') <> ''
  AND contract_date <= asof.t AND pg_temp.related(village_id, contractor_id, CAST(contract_date AS date));
INSERT INTO sql_alerts SELECT 'P07', code, trade_no FROM tr, asof WHERE COALESCE(winner_id, '') <> ''
  AND closing_date <= asof.t AND pg_temp.related(village_id, winner_id, CAST(closing_date AS date));

INSERT INTO sql_alerts SELECT 'P08', pj.code, pj.project_no FROM pj
JOIN LATERAL (SELECT SUM(paid) AS paid FROM pv WHERE pv.village_id = pj.village_id AND pv.project_no = pj.project_no
              AND pv.paid > 0) s ON true
WHERE pj.contract_amount_fen IS NOT NULL AND s.paid * 1000000 > pj.contract_amount_fen * 1100000;

-- ---- R 信访与整改 -----------------------------------------------------------------------
CREATE TEMP TABLE cp AS SELECT c.*, v.code FROM complaints c JOIN villages v ON v.id = c.village_id, asof
WHERE c.received_date <= asof.t;
ANALYZE cp;
INSERT INTO sql_alerts SELECT 'R01', code, ref FROM cp, asof WHERE
  (accepted_date <= asof.t AND CAST(accepted_date AS date) > CAST(received_date AS date) + 15)
  OR ((accepted_date IS NULL OR accepted_date > asof.t) AND asof.d > CAST(received_date AS date) + 15);
INSERT INTO sql_alerts SELECT 'R02', code, ref FROM cp, asof WHERE accepted_date <= asof.t AND (
  (concluded_date <= asof.t AND CAST(concluded_date AS date) > CAST(accepted_date AS date) + 60)
  OR ((concluded_date IS NULL OR concluded_date > asof.t) AND asof.d > CAST(accepted_date AS date) + 60));
CREATE TEMP TABLE r03 AS SELECT cp.*, row_number() OVER (PARTITION BY village_id ORDER BY received_date, ref) rn FROM cp;
CREATE INDEX ON r03 (village_id, rn);
WITH RECURSIVE g AS (SELECT village_id, rn, CAST(received_date AS date) AS start, 1 AS grp FROM r03 WHERE rn = 1
      UNION ALL
      SELECT c.village_id, c.rn,
             CASE WHEN CAST(c.received_date AS date) <= g.start + 90 THEN g.start ELSE CAST(c.received_date AS date) END,
             CASE WHEN CAST(c.received_date AS date) <= g.start + 90 THEN g.grp ELSE g.grp + 1 END
      FROM g JOIN r03 c ON c.village_id = g.village_id AND c.rn = g.rn + 1)
INSERT INTO sql_alerts SELECT 'R03', MIN(c.code), string_agg(c.ref, ',' ORDER BY c.ref COLLATE "C")
FROM g JOIN r03 c USING (village_id, rn) GROUP BY g.village_id, g.grp HAVING COUNT(*) >= 3;
INSERT INTO sql_alerts SELECT 'R04', v.code, x.ref FROM rectifications x JOIN villages v ON v.id = x.village_id, asof
WHERE (x.closed_date <= asof.t AND x.closed_date > x.deadline)
   OR ((x.closed_date IS NULL OR x.closed_date > asof.t) AND x.deadline < asof.t);

-- ---- S 惠民补助资金 ---------------------------------------------------------------------
CREATE TEMP TABLE sp AS
SELECT p.*, v.code, g.name AS prog, x.id_no, x.village_id AS home, x.death_date, x.moved_out_date,
       CAST(CASE WHEN length(p.period) = 4 THEN p.period || '-01-01' ELSE p.period || '-01' END AS date) AS ps
FROM subsidy_payments p JOIN villages v ON v.id = p.village_id JOIN subsidy_programmes g ON g.id = p.programme_id
JOIN people x ON x.id = p.person_id, asof WHERE p.paid_date <= asof.t;
CREATE INDEX ON sp (programme_id, bank_account, period);
INSERT INTO sql_alerts SELECT 'S01', code, prog || ',' || id_no || ',' || period FROM sp, asof
WHERE death_date <= asof.t AND ps > CAST(death_date AS date);
INSERT INTO sql_alerts SELECT 'S02', code, prog || ',' || id_no || ',' || period FROM (
  SELECT sp.*, row_number() OVER (PARTITION BY programme_id, person_id, period ORDER BY paid_date, code) rn FROM sp) t WHERE rn > 1;
INSERT INTO sql_alerts SELECT 'S03', sp.code, prog || ',' || id_no || ',' || period FROM sp
JOIN subsidy_standards s ON s.programme_id = sp.programme_id AND s.year = CAST(substr(sp.period, 1, 4) AS int)
WHERE sp.amount_fen > s.max_amount_fen;
INSERT INTO sql_alerts SELECT 'S04', code, prog || ',' || id_no || ',' || period FROM sp
WHERE pg_temp.related(village_id, id_no, CAST(paid_date AS date));
WITH sh AS (SELECT programme_id, bank_account, period FROM sp WHERE COALESCE(bank_account, '') <> ''
            GROUP BY programme_id, bank_account, period HAVING COUNT(DISTINCT person_id) >= 3)
INSERT INTO sql_alerts SELECT DISTINCT 'S05', sp.code, sp.prog || ',' || sp.bank_account || ',' || sp.period
FROM sp JOIN sh USING (programme_id, bank_account, period);
INSERT INTO sql_alerts SELECT 'S06', code, prog || ',' || id_no || ',' || period FROM sp, asof
WHERE home <> village_id OR (moved_out_date <= asof.t AND ps > CAST(moved_out_date AS date));

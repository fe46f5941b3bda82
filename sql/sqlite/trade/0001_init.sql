-- Property-rights trading (产权交易, 应进必进) and small projects (小型零散项目):
-- per-township thresholds, listings with their bids and award, small projects
-- through their steps (登记 → 镇预审 → 审批 → 公告 → 竞价 → 合同 → 开工 → 验收),
-- bundles of projects bid together (打包竞价), and the bids of either (ref_no is
-- a trade_no or a project_no, kept as written).
CREATE TABLE trade_settings (
  id INTEGER PRIMARY KEY,
  township TEXT NOT NULL UNIQUE,
  trade_threshold_fen INTEGER NOT NULL CHECK (trade_threshold_fen > 0),
  bidding_threshold_fen INTEGER NOT NULL CHECK (bidding_threshold_fen > 0)
);

CREATE TABLE trades (
  id INTEGER PRIMARY KEY,
  village_id INTEGER NOT NULL REFERENCES villages(id),
  trade_no TEXT NOT NULL,
  subject_no TEXT NOT NULL,
  term_years INTEGER,
  area_mu_x100 INTEGER,
  listed_date TEXT NOT NULL,
  closing_date TEXT NOT NULL,
  reserve_price_fen INTEGER NOT NULL CHECK (reserve_price_fen >= 0),
  announcement TEXT,
  matter_no TEXT,
  status TEXT NOT NULL CHECK (status IN ('挂牌','成交','流拍')),
  award_date TEXT,
  final_price_fen INTEGER,
  winner TEXT,
  winner_id TEXT,
  CHECK (closing_date >= listed_date),
  UNIQUE (village_id, trade_no)
);
CREATE INDEX trades_subject ON trades(village_id, subject_no);

CREATE TABLE project_bundles (
  id INTEGER PRIMARY KEY,
  village_id INTEGER NOT NULL REFERENCES villages(id),
  bundle_no TEXT NOT NULL,
  name TEXT NOT NULL,
  created_date TEXT NOT NULL,
  opened_date TEXT,
  UNIQUE (village_id, bundle_no)
);

CREATE TABLE projects (
  id INTEGER PRIMARY KEY,
  village_id INTEGER NOT NULL REFERENCES villages(id),
  project_no TEXT NOT NULL,
  name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('工程','货物','服务')),
  budget_fen INTEGER NOT NULL CHECK (budget_fen >= 0),
  procurement TEXT NOT NULL CHECK (procurement IN ('打包竞价','公开招标','竞争性比选','直接委托')),
  matter_no TEXT,
  registered_date TEXT,
  review_date TEXT,
  review_result TEXT CHECK (review_result IN ('通过','不通过')),
  review_opinion TEXT,
  approved_date TEXT,
  announced_date TEXT,
  announcement TEXT,
  bid_date TEXT,
  contract_date TEXT,
  start_date TEXT,
  accepted_date TEXT,
  acceptance_note TEXT,
  contractor TEXT,
  contractor_id TEXT,
  contract_amount_fen INTEGER,
  bundle_id INTEGER REFERENCES project_bundles(id),
  UNIQUE (village_id, project_no)
);
CREATE INDEX projects_bundle ON projects(bundle_id);

CREATE TABLE bids (
  id INTEGER PRIMARY KEY,
  village_id INTEGER NOT NULL REFERENCES villages(id),
  ref_no TEXT NOT NULL,
  bundle_id INTEGER REFERENCES project_bundles(id),
  bidder TEXT NOT NULL,
  bidder_id TEXT NOT NULL,
  price_fen INTEGER NOT NULL CHECK (price_fen >= 0),
  bid_date TEXT,
  winner INTEGER NOT NULL DEFAULT 0,
  UNIQUE (village_id, ref_no, bidder_id)
);

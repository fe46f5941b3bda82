-- 双随机一公开: a draw is announced with its pools and the SHA-256 of a secret
-- seed, then drawn by revealing the seed; the result is a deterministic
-- function of the seed and the pools (docs/disclosure.md), so anyone can
-- recompute it.  Only the hash is stored before the draw.
CREATE TABLE draws (
  id INTEGER PRIMARY KEY,
  township TEXT NOT NULL,
  title TEXT NOT NULL,
  targets TEXT NOT NULL,
  inspectors TEXT NOT NULL,
  n_targets INTEGER NOT NULL,
  n_inspectors INTEGER NOT NULL,
  seed_hash TEXT NOT NULL,
  announced_at TEXT NOT NULL,
  announced_by TEXT NOT NULL,
  seed TEXT,
  result TEXT,
  drawn_at TEXT,
  drawn_by TEXT
);
CREATE TRIGGER draws_drawn BEFORE UPDATE ON draws WHEN OLD.seed IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'a finished draw is immutable'); END;
CREATE TRIGGER draws_no_delete BEFORE DELETE ON draws
BEGIN SELECT RAISE(ABORT, 'draws are never deleted'); END;

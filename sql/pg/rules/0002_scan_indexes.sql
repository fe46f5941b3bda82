-- Indexes the scan needs on other modules' tables, so that evaluating one
-- village reads only that village's rows: a cadre's archive events by person,
-- the relations declared about a person, and voucher lines by voucher.
CREATE INDEX IF NOT EXISTS rules_archive_events_person ON archive_events(person_id, kind, date);
CREATE INDEX IF NOT EXISTS rules_relatives_relative ON relatives(relative_id);
CREATE INDEX IF NOT EXISTS rules_subsidy_payments_key ON subsidy_payments(programme_id, person_id, period);

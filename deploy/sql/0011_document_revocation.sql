-- A document issued in error is revoked (撤销) by a clerk of its county, with a reason: it stays on file and
-- verification answers "revoked" with the date, never "genuine" again.
alter table documents add column revoked_reason text;
alter table documents add column revoked_by text;

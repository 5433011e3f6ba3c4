-- Deadlines as data: each application's state row carries its next deadline (due_at), written by the same statement
-- that saves the state (the document's `dueAt`). Every silo sweeps due rows (DeadlineSweeper), claiming a batch for a
-- short lease with `for update skip locked`, and wakes those grains. A row whose silo died is simply swept by another one, so a
-- deadline that passes during a restart or failover is acted on seconds after the cluster owns it again, not at the
-- next tick of a reminder. There is no Orleans reminder per application any more.
alter table orleans_grain_state
    add column due_at        timestamptz,
    add column claimed_until timestamptz;

create index orleans_grain_state_due on orleans_grain_state (due_at) where due_at is not null;

-- Grain state is read and written by LingHuo's own storage (PostgresGrainStorage: one prepared statement each, and
-- for an application the state, its events and its next deadline in one), and reminders are gone: the query texts
-- the Orleans providers read for them are not used any more. Membership keeps its own.
delete from orleansquery
where querykey in ('ReadFromStorageKey', 'WriteToStorageKey', 'ClearStorageKey', 'ReadReminderRowsKey', 'ReadReminderRowKey',
                   'ReadRangeRows1Key', 'ReadRangeRows2Key', 'UpsertReminderRowKey', 'DeleteReminderRowKey', 'DeleteReminderRowsKey');

-- Applications saved before this migration have no due_at. Every one still open is due at once ('-infinity': due by
-- any clock): the sweep wakes each once, it acts on whatever passed and stores its real next deadline. Their reminders
-- are not needed any more.
update orleans_grain_state
set due_at = '-infinity'
where grain_type = 'application' and payload is not null
  and convert_from(payload, 'UTF8')::jsonb -> 'application' ->> 'status' <> 'Closed';

delete from orleans_reminder where reminder_name = 'deadlines';

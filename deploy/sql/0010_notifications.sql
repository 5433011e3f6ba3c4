-- The notification outbox: each message to an applicant is inserted by the statement that appends the event causing it
-- (so it exists exactly when its event does), at most one per event. The in-app inbox reads it as it is; the webhook
-- sender (the province's SMS platform) works through the rows that have a phone number, with retries, and leaves
-- 'failed' rows for an operator to list and send again. The phone number is personal data: only the sender reads it.
create table notifications (
    application_number text        not null,
    event_sequence     bigint      not null,
    kind               text        not null,
    county_code        text        not null,
    text               text        not null,
    phone              text,
    created_at         timestamptz not null,
    -- none (no phone: inbox only), pending, sent, failed (dead letter: attempts used up or refused by the receiver)
    webhook_state      text        not null,
    attempts           int         not null default 0,
    next_attempt_at    timestamptz,
    last_error         text,
    sent_at            timestamptz,
    primary key (application_number, event_sequence)
);

create index notifications_due on notifications (next_attempt_at nulls first) where webhook_state = 'pending';
create index notifications_failed on notifications (created_at) where webhook_state = 'failed';

-- Stream subscriptions are notices' plumbing and live in memory. Until the stream provider was renamed they were
-- written into grain state (the provider shared its name with the case storage); those rows mean nothing now.
delete from orleans_grain_state where grain_type = 'PubSubRendezvousGrain';

-- pgbench: one single-row upsert of a 1.2 KB payload per transaction, the durable-write ceiling for a grain write.
\set id random(1, 100000)
insert into bench_state (id, payload, version) values (:id, repeat('x', 1200)::bytea, 1)
on conflict (id) do update set payload = excluded.payload, version = bench_state.version + 1;

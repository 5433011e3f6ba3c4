-- The query texts of the Orleans ADO.NET providers for our schema. Each runs as one autocommit statement with named
-- parameters (@Name); result column names are what the providers read.

insert into orleansquery (querykey, querytext) values

-- Membership ---------------------------------------------------------------------------------------------------------
('InsertMembershipVersionKey', $sql$
with created as (
    insert into orleans_cluster_version (deployment_id, version) values (@DeploymentId, 0)
    on conflict (deployment_id) do nothing
    returning 1
)
select count(*) > 0 from created
$sql$),

('MembershipReadAllKey', $sql$
select v.version as version, m.silo_name as siloname, m.host_name as hostname, m.address as address, m.port as port,
       m.generation as generation, m.status as status, m.proxy_port as proxyport, m.suspect_times as suspecttimes,
       m.start_time as starttime, m.i_am_alive_time as iamalivetime
from orleans_cluster_version v
left join orleans_cluster_member m on m.deployment_id = v.deployment_id
where v.deployment_id = @DeploymentId
$sql$),

('MembershipReadRowKey', $sql$
select v.version as version, m.silo_name as siloname, m.host_name as hostname, m.address as address, m.port as port,
       m.generation as generation, m.status as status, m.proxy_port as proxyport, m.suspect_times as suspecttimes,
       m.start_time as starttime, m.i_am_alive_time as iamalivetime
from orleans_cluster_version v
left join orleans_cluster_member m
       on m.deployment_id = v.deployment_id and m.address = @Address and m.port = @Port and m.generation = @Generation
where v.deployment_id = @DeploymentId
$sql$),

-- The version row is locked by the conditional update, so racing writers with the same @Version get one winner.
('InsertMembershipKey', $sql$
with bumped as (
    update orleans_cluster_version set version = version + 1
    where deployment_id = @DeploymentId and version = @Version
      and not exists (select 1 from orleans_cluster_member
                      where deployment_id = @DeploymentId and address = @Address and port = @Port and generation = @Generation)
    returning deployment_id
), inserted as (
    insert into orleans_cluster_member (deployment_id, address, port, generation, silo_name, host_name, status, proxy_port,
                                        suspect_times, start_time, i_am_alive_time)
    select deployment_id, @Address, @Port, @Generation, @SiloName, @HostName, @Status, @ProxyPort, null, @StartTime, @IAmAliveTime
    from bumped
    returning 1
)
select count(*) > 0 from inserted
$sql$),

('UpdateMembershipKey', $sql$
with bumped as (
    update orleans_cluster_version set version = version + 1
    where deployment_id = @DeploymentId and version = @Version
      and exists (select 1 from orleans_cluster_member
                  where deployment_id = @DeploymentId and address = @Address and port = @Port and generation = @Generation)
    returning deployment_id
), updated as (
    update orleans_cluster_member m
    set status = @Status, suspect_times = @SuspectTimes, i_am_alive_time = @IAmAliveTime
    from bumped
    where m.deployment_id = bumped.deployment_id and m.address = @Address and m.port = @Port and m.generation = @Generation
    returning 1
)
select count(*) > 0 from updated
$sql$),

('UpdateIAmAlivetimeKey', $sql$
update orleans_cluster_member set i_am_alive_time = @IAmAliveTime
where deployment_id = @DeploymentId and address = @Address and port = @Port and generation = @Generation
$sql$),

('GatewaysQueryKey', $sql$
select address as address, proxy_port as proxyport, generation as generation
from orleans_cluster_member
where deployment_id = @DeploymentId and status = @Status and proxy_port > 0
$sql$),

('DeleteMembershipTableEntriesKey', $sql$
delete from orleans_cluster_version where deployment_id = @DeploymentId
$sql$),

('CleanupDefunctSiloEntriesKey', $sql$
delete from orleans_cluster_member
where deployment_id = @DeploymentId and i_am_alive_time < @IAmAliveTime and status <> 3
$sql$),

-- Grain state --------------------------------------------------------------------------------------------------------
('ReadFromStorageKey', $sql$
select payload as payloadbinary, version as version
from orleans_grain_state
where service_id = @ServiceId and grain_type = @GrainTypeString
  and grain_id_n0 = @GrainIdN0 and grain_id_n1 = @GrainIdN1
  and coalesce(grain_id_ext, '') = coalesce(@GrainIdExtensionString, '')
$sql$),

-- Insert when there is no version, else update at the expected version; either way, in the same statement, append
-- the application's outbox (its newest events) to case_events. Nothing is returned on a version mismatch.
('WriteToStorageKey', $sql$
with updated as (
    update orleans_grain_state
    set payload = @PayloadBinary, version = version + 1, modified_at = now()
    where @GrainStateVersion is not null
      and service_id = @ServiceId and grain_type = @GrainTypeString
      and grain_id_n0 = @GrainIdN0 and grain_id_n1 = @GrainIdN1
      and coalesce(grain_id_ext, '') = coalesce(@GrainIdExtensionString, '')
      and version = @GrainStateVersion
    returning version
), inserted as (
    insert into orleans_grain_state (service_id, grain_type, grain_id_n0, grain_id_n1, grain_id_ext, payload, version)
    select @ServiceId, @GrainTypeString, @GrainIdN0, @GrainIdN1, @GrainIdExtensionString, @PayloadBinary, 1
    where @GrainStateVersion is null
    on conflict do nothing
    returning version
), written as (
    select version from updated union all select version from inserted
), document as (
    select case when @GrainTypeString = 'application' then convert_from(@PayloadBinary, 'UTF8')::jsonb end as state
    from written
), appended as (
    insert into case_events (application_number, sequence, event_type, county_code, occurred_at, payload)
    select @GrainIdExtensionString, (e.value ->> 'sequence')::bigint, e.value ->> 'type',
           document.state -> 'application' ->> 'countyCode', (e.value ->> 'at')::timestamptz, e.value
    from document, jsonb_array_elements(document.state -> 'outbox') e
    on conflict (application_number, sequence) do nothing
)
select version as newgrainstateversion from written
$sql$),

('ClearStorageKey', $sql$
update orleans_grain_state
set payload = null, version = version + 1, modified_at = now()
where service_id = @ServiceId and grain_type = @GrainTypeString
  and grain_id_n0 = @GrainIdN0 and grain_id_n1 = @GrainIdN1
  and coalesce(grain_id_ext, '') = coalesce(@GrainIdExtensionString, '')
  and version = @GrainStateVersion
returning version
$sql$),

-- Reminders ----------------------------------------------------------------------------------------------------------
('ReadReminderRowsKey', $sql$
select grain_id as grainid, reminder_name as remindername, start_time as starttime, period as period, version as version
from orleans_reminder
where service_id = @ServiceId and grain_id = @GrainId
$sql$),

('ReadReminderRowKey', $sql$
select grain_id as grainid, reminder_name as remindername, start_time as starttime, period as period, version as version
from orleans_reminder
where service_id = @ServiceId and grain_id = @GrainId and reminder_name = @ReminderName
$sql$),

('ReadRangeRows1Key', $sql$
select grain_id as grainid, reminder_name as remindername, start_time as starttime, period as period, version as version
from orleans_reminder
where service_id = @ServiceId and grain_hash > @BeginHash and grain_hash <= @EndHash
$sql$),

('ReadRangeRows2Key', $sql$
select grain_id as grainid, reminder_name as remindername, start_time as starttime, period as period, version as version
from orleans_reminder
where service_id = @ServiceId and (grain_hash > @BeginHash or grain_hash <= @EndHash)
$sql$),

('UpsertReminderRowKey', $sql$
insert into orleans_reminder (service_id, grain_id, reminder_name, start_time, period, grain_hash, version)
values (@ServiceId, @GrainId, @ReminderName, @StartTime, @Period, @GrainHash, 0)
on conflict (service_id, grain_id, reminder_name) do update
set start_time = excluded.start_time, period = excluded.period, grain_hash = excluded.grain_hash,
    version = orleans_reminder.version + 1
returning version as version
$sql$),

('DeleteReminderRowKey', $sql$
with deleted as (
    delete from orleans_reminder
    where service_id = @ServiceId and grain_id = @GrainId and reminder_name = @ReminderName and version = @Version
    returning 1
)
select count(*) > 0 from deleted
$sql$),

('DeleteReminderRowsKey', $sql$
delete from orleans_reminder where service_id = @ServiceId
$sql$)

on conflict (querykey) do update set querytext = excluded.querytext;

using LingHuo.Domain.Calendar;
using LingHuo.Domain.Cases;
using LingHuo.Domain.Intake;

namespace LingHuo.Persistence.Search;

/// <summary>An application waiting in a county's review queue: for a decision (PreCheck) or a supplement, due then.</summary>
public sealed record QueueRow(
    ApplicationNumber Number,
    ApplicationStatus Status,
    Channel Channel,
    string? ApplicantMasked,
    DateTimeOffset SubmittedAt,
    Deadline? Due);

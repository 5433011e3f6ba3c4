namespace LingHuo.Grains.Abstractions;

/// <summary>Names shared by grains, hosts and the database. Changing one orphans stored data.</summary>
public static class StorageNames
{
    /// <summary>The grain storage provider that holds every case grain's state.</summary>
    public const string Cases = "cases";

    /// <summary>Grain-state names: the database's grain_type column. Rows of this one carry a next deadline (due_at) that the deadline sweep reads.</summary>
    public const string ApplicationState = "application";

    public const string ApplicantState = "applicant";

    public const string NumberingState = "numbering";

    /// <summary>
    /// A request-context key whose value is the key of a grain known to have no stored state yet (an application number
    /// just handed out): its activation skips the read. Should the hint ever be wrong, the first write finds the row
    /// and is refused as a conflict, so nothing is overwritten.
    /// </summary>
    public const string KnownNew = "linghuo.known-new";
}

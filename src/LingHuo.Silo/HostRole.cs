namespace LingHuo.Silo;

public enum HostRole
{
    /// <summary>A silo, co-hosting the gRPC gateway unless LingHuo:Gateway:Enabled is false.</summary>
    Silo = 1,

    /// <summary>The gRPC gateway alone, as an Orleans client of the silos it finds through the membership table.</summary>
    Gateway = 2,
}

namespace LingHuo.Persistence.Documents;

/// <summary>
/// Bound from <c>LingHuo:Documents</c>. Documents are sealed with a keyed MAC: the first key seals new documents, every
/// key listed still verifies the ones it sealed (rotate by adding a key in front, drop the old one when its documents
/// no longer matter).
/// </summary>
public sealed class DocumentSettings
{
    public const string Section = "LingHuo:Documents";

    /// <summary>Where a QR code points: the document number and its code are appended (<c>{base}/{number}?c={code}</c>).</summary>
    public string VerifyBaseUrl { get; set; } = "https://zwfw.yn.gov.cn/linghuo/verify";

    /// <summary>The issuing office of each county, e.g. <c>Offices:530102 = 昆明市五华区政务服务中心</c>.</summary>
    public Dictionary<string, string> Offices { get; set; } = [];

    public List<DocumentKey> Keys { get; set; } = [];

    public string OfficeOf(string county) => Offices.TryGetValue(county, out var office) ? office : $"{county} 县级政务服务中心";
}

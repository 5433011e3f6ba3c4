using BenchmarkDotNet.Attributes;
using LingHuo.Documents;
using LingHuo.Domain.Cases;
using LingHuo.Domain.Documents;

namespace LingHuo.Benchmarks;

/// <summary>What one notice costs to render: an A4 page in Chinese, the font subset embedded, a QR code drawn.</summary>
[MemoryDiagnoser]
public class DocumentBenchmarks
{
    private readonly PrintedDocument _notice = new(
        DocumentKind.SupplementNotice,
        "530102-2026-000042",
        "昆明市五华区政务服务中心",
        new DateOnly(2026, 9, 30),
        "张三",
        "5301**********1224",
        ApplicationNumber.Trusted("530102-20260928-000001"),
        [
            "张三：你于2026年9月28日提交的灵活就业参保“一件事”申请（申请编号 530102-20260928-000001），申请材料不齐全或者不符合法定形式。",
            "请于2026年10月13日24时前一次性补正下列全部材料；逾期未补正的，本机关将终止办理。",
        ],
        ["白底证件照：照片背景不是白色", "有效身份证明：证件已过有效期"],
        "《中华人民共和国行政许可法》第三十二条第一款第（四）项",
        "https://zwfw.yn.example/verify/530102-2026-000042?c=7KQ2M9XA");

    [GlobalSetup]
    public void Setup() => CjkFont.Install();

    [Benchmark]
    public byte[] RenderSupplementNotice() => DocumentPdf.Render(_notice);
}

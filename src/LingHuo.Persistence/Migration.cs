using System.Security.Cryptography;
using System.Text;

namespace LingHuo.Persistence;

/// <summary>One numbered SQL file, e.g. <c>0001_schema.sql</c>.</summary>
public sealed record Migration(int Version, string Name, string Sql, string Checksum)
{
    public static Migration From(string fileName, string sql)
    {
        var digits = fileName.Split('_', 2)[0];
        if (!int.TryParse(digits, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var version))
        {
            throw new InvalidOperationException($"Migration file {fileName} must start with its number, like 0001_name.sql.");
        }

        return new Migration(version, fileName, sql, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sql))));
    }
}

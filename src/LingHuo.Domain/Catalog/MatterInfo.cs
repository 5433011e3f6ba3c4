namespace LingHuo.Domain.Catalog;

public sealed record MatterInfo(Matter Matter, string Code, Department Department, string NameZh, string NameEn);

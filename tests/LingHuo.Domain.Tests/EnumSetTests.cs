using LingHuo.Domain.Catalog;

namespace LingHuo.Domain.Tests;

public sealed class EnumSetTests
{
    [Fact]
    public void Of_IgnoresDuplicates_AndEnumeratesInOrder()
    {
        var set = EnumSet<Matter>.Of(Matter.EmploymentCertificate, Matter.PersonnelFile, Matter.PersonnelFile);

        Assert.Equal(2, set.Count);
        Assert.Equal([Matter.PersonnelFile, Matter.EmploymentCertificate], set);
    }

    [Fact]
    public void SetOperations_BehaveAsSets()
    {
        var a = EnumSet<Matter>.Of(Matter.PersonnelFile, Matter.SocialSecurityCard);
        var b = EnumSet<Matter>.Of(Matter.SocialSecurityCard, Matter.MedicalInsurance);

        Assert.Equal(EnumSet<Matter>.Of(Matter.PersonnelFile, Matter.SocialSecurityCard, Matter.MedicalInsurance), a.Union(b));
        Assert.Equal(EnumSet<Matter>.Of(Matter.SocialSecurityCard), a.Intersect(b));
        Assert.Equal(EnumSet<Matter>.Of(Matter.PersonnelFile), a.Except(b));
        Assert.True(a.Intersect(b).IsSubsetOf(a));
        Assert.False(a.IsSubsetOf(b));
        Assert.True(a.Remove(Matter.PersonnelFile).Remove(Matter.SocialSecurityCard).IsEmpty);
        Assert.NotEqual(a, b);
    }

    [Fact]
    public void Add_AValueOutsideTheRange_IsAProgrammingError() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => EnumSet<Matter>.Empty.Add((Matter)40));

    [Fact]
    public void ToString_ListsTheMembers() =>
        Assert.Equal("{PersonnelFile, MedicalInsurance}", EnumSet<Matter>.Of(Matter.MedicalInsurance, Matter.PersonnelFile).ToString());
}

using LingHuo.Domain.Catalog;
using LingHuo.Domain.Intake;

namespace LingHuo.Domain.Tests;

public sealed class MaterialRulesTests
{
    private static EnumSet<Matter> Of(params Matter[] matters) => EnumSet<Matter>.Of(matters);

    [Fact]
    public void Required_ForAllNineOnline_IsFormIdentityAndPhoto() =>
        Assert.Equal(
            EnumSet<Material>.Of(Material.ApplicationForm, Material.IdentityDocument, Material.IdPhoto),
            MaterialRules.Required(Matters.AllSet, Channel.Online));

    [Fact]
    public void Required_ForAllNineAtTheWindow_AddsTheInsuranceProof() =>
        Assert.Equal(
            EnumSet<Material>.Of(Material.ApplicationForm, Material.IdentityDocument, Material.IdPhoto, Material.InsuranceProof),
            MaterialRules.Required(Matters.AllSet, Channel.Window));

    [Theory]
    [InlineData(Matter.SocialInsuranceRegistration, Channel.Online, false, false)]
    [InlineData(Matter.SocialSecurityCard, Channel.Online, true, false)]
    [InlineData(Matter.PersonnelFile, Channel.Online, false, false)]
    [InlineData(Matter.PersonnelFile, Channel.Window, false, true)]
    [InlineData(Matter.SocialSecurityCard, Channel.Window, true, false)]
    public void Required_PhotoAndProof_FollowTheMatterAndChannel(Matter matter, Channel channel, bool photo, bool proof)
    {
        var required = MaterialRules.Required(Of(matter), channel);

        Assert.True(required.Contains(Material.ApplicationForm) && required.Contains(Material.IdentityDocument));
        Assert.Equal(photo, required.Contains(Material.IdPhoto));
        Assert.Equal(proof, required.Contains(Material.InsuranceProof));
    }

    [Fact]
    public void Required_ForNoMatter_IsNothing() => Assert.True(MaterialRules.Required(default, Channel.Online).IsEmpty);

    [Fact]
    public void Optional_BusinessLicence_OnlyForEmploymentRegistration()
    {
        Assert.Equal(EnumSet<Material>.Of(Material.BusinessLicence), MaterialRules.Optional(Of(Matter.EmploymentRegistration), Channel.Window));
        Assert.True(MaterialRules.Optional(Of(Matter.SocialSecurityCard), Channel.Window).IsEmpty);
    }

    [Theory]
    [InlineData(Material.ApplicationForm, MaterialSource.PaperOriginal, Channel.Window, true)]
    [InlineData(Material.ApplicationForm, MaterialSource.Upload, Channel.Window, false)]
    [InlineData(Material.ApplicationForm, MaterialSource.Upload, Channel.Online, true)]
    [InlineData(Material.ApplicationForm, MaterialSource.DataSharing, Channel.Online, false)]
    [InlineData(Material.IdentityDocument, MaterialSource.DataSharing, Channel.Online, true)]
    [InlineData(Material.IdentityDocument, MaterialSource.DataSharing, Channel.Window, true)]
    [InlineData(Material.IdentityDocument, MaterialSource.PaperOriginal, Channel.Online, false)]
    [InlineData(Material.IdPhoto, MaterialSource.Upload, Channel.Window, true)]
    [InlineData(Material.IdPhoto, MaterialSource.PaperOriginal, Channel.Window, false)]
    [InlineData(Material.InsuranceProof, MaterialSource.PaperOriginal, Channel.Window, true)]
    [InlineData(Material.InsuranceProof, MaterialSource.Upload, Channel.Online, false)]
    [InlineData(Material.BusinessLicence, MaterialSource.DataSharing, Channel.Online, true)]
    [InlineData(Material.BusinessLicence, MaterialSource.PaperOriginal, Channel.Window, true)]
    public void IsAllowed_FollowsTheGuidesForms(Material material, MaterialSource source, Channel channel, bool allowed) =>
        Assert.Equal(allowed, MaterialRules.IsAllowed(material, source, channel));

    [Fact]
    public void Check_RecordsWhichSourceSatisfiedEachMaterial()
    {
        var checklist = MaterialRules.Check(Of(Matter.EmploymentRegistration), Channel.Online,
        [
            new(Material.BusinessLicence, MaterialSource.DataSharing),
            new(Material.ApplicationForm, MaterialSource.Upload),
        ]).Value!;

        Assert.Equal(MaterialSource.DataSharing, checklist.SourceOf(Material.BusinessLicence));
        Assert.Equal(MaterialSource.Upload, checklist.SourceOf(Material.ApplicationForm));
        Assert.Null(checklist.SourceOf(Material.IdentityDocument));
        Assert.Equal(EnumSet<Material>.Of(Material.IdentityDocument), checklist.Missing);
        Assert.False(checklist.IsComplete);
        Assert.Equal([Material.ApplicationForm, Material.BusinessLicence], checklist.Provided.Select(p => p.Material));
    }

    [Fact]
    public void Check_ReportsEveryBadItemAtOnce()
    {
        var result = MaterialRules.Check(Of(Matter.SocialInsuranceRegistration), Channel.Online,
        [
            new((Material)42, MaterialSource.Upload),
            new(Material.ApplicationForm, MaterialSource.Upload),
            new(Material.ApplicationForm, MaterialSource.Upload),
            new(Material.InsuranceProof, MaterialSource.PaperOriginal),
            new(Material.IdentityDocument, (MaterialSource)9),
        ]);

        Assert.Equal(
            [
                (RefusalCode.MaterialUnknown, "materials[0]"),
                (RefusalCode.MaterialDuplicate, "materials[2]"),
                (RefusalCode.MaterialSourceNotAllowed, "materials[3]"),
                (RefusalCode.MaterialSourceNotAllowed, "materials[4]"),
            ],
            result.Refusals.Select(r => (r.Code, r.Field)));
    }

    [Fact]
    public void Check_NullList_IsEmptyNotAnError() =>
        Assert.Equal(3, MaterialRules.Check(Of(Matter.SocialSecurityCard), Channel.Online, null).Value!.Missing.Count);

    [Fact]
    public void With_ReplacesAMaterialGivenAgain()
    {
        var checklist = MaterialRules.Check(Of(Matter.SocialSecurityCard), Channel.Online, [new(Material.IdPhoto, MaterialSource.Upload)]).Value!;

        var supplemented = checklist.With([new(Material.IdPhoto, MaterialSource.Upload), new(Material.ApplicationForm, MaterialSource.Upload)]);

        Assert.Equal([Material.ApplicationForm, Material.IdPhoto], supplemented.Provided.Select(p => p.Material));
    }

    [Theory]
    [InlineData(Material.ApplicationForm, "M1")]
    [InlineData(Material.BusinessLicence, "M5")]
    public void Code_IsTheGuidesNumber(Material material, string code) => Assert.Equal(code, MaterialRules.Code(material));
}

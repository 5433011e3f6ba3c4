namespace LingHuo.Domain.Eligibility;

/// <summary>How a person works flexibly (matters 8 and 9).</summary>
public enum EmploymentForm
{
    /// <summary>Not declared: employment registration cannot be accepted.</summary>
    None = 0,

    /// <summary>个体经营（自主创业）的经营者（法定代表人、股东）.</summary>
    SelfEmployedOperator = 1,

    /// <summary>通过其他方式实现灵活就业.</summary>
    OtherFlexibleEmployment = 2,
}

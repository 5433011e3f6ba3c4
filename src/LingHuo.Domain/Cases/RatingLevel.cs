namespace LingHuo.Domain.Cases;

/// <summary>好差评's five levels (国办发〔2019〕51号). Values are stable and those of the proto enum.</summary>
public enum RatingLevel
{
    /// <summary>非常满意.</summary>
    VerySatisfied = 1,

    /// <summary>满意.</summary>
    Satisfied = 2,

    /// <summary>基本满意.</summary>
    BasicallySatisfied = 3,

    /// <summary>不满意: a bad review.</summary>
    Dissatisfied = 4,

    /// <summary>非常不满意: a bad review.</summary>
    VeryDissatisfied = 5,
}

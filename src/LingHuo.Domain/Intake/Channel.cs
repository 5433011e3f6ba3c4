namespace LingHuo.Domain.Intake;

public enum Channel
{
    /// <summary>云南政务服务网 or the "一部手机办事通" app.</summary>
    Online = 1,

    /// <summary>The county government-service centre window.</summary>
    Window = 2,
}

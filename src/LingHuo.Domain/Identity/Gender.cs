namespace LingHuo.Domain.Identity;

public enum Gender
{
    Male = 1,
    Female = 2,
}

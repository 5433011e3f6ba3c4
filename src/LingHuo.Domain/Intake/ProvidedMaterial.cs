namespace LingHuo.Domain.Intake;

public readonly record struct ProvidedMaterial(Material Material, MaterialSource Source);

using LingHuo.Silo;
using Microsoft.AspNetCore.Builder;

if (args is ["migrate", ..])
{
    return await MigrateCommand.RunAsync(args[1..]);
}

// Settings sit beside the binary, wherever it is started from.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.AddLingHuoSilo();
var app = builder.Build();
app.MapLingHuoEndpoints();
await app.RunAsync();
return 0;

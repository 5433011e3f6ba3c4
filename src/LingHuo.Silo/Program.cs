using LingHuo.Silo;
using Microsoft.Extensions.Hosting;

// Settings sit beside the binary, wherever it is started from.
var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });

if (args is ["migrate", ..])
{
    return await MigrateCommand.RunAsync(builder);
}

builder.AddLingHuoSilo();
await builder.Build().RunAsync();
return 0;

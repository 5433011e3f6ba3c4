using LingHuo.Console;

var app = ConsoleHost.Build(args);
await app.RunAsync();

using System.CommandLine;
using LingHuo.Cli;

var root = new RootCommand("linghuo: the LingHuo.Orleans command line (灵活就业参保\"一件事\").");
root.Subcommands.Add(SampleCommand.Create());
return root.Parse(args).Invoke();

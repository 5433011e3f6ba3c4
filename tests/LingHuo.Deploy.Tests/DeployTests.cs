using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using LingHuo.Console;
using LingHuo.Silo;
using LingHuo.Testing;
using YamlDotNet.RepresentationModel;

namespace LingHuo.Deploy.Tests;

/// <summary>
/// The deployment files cannot run here (no container runtime, no Kubernetes), so what can be checked is: they parse,
/// they refer only to things that exist, and every setting they give is one the silo reads.
/// </summary>
public sealed partial class DeployTests
{
    private static readonly string Root = RepositoryRoot.Path;
    private static readonly string Deploy = Path.Combine(Root, "deploy");

    public static TheoryData<string> YamlFiles() =>
        [.. Directory.EnumerateFiles(Deploy, "*.y*ml", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(Root, f))];

    [Theory]
    [MemberData(nameof(YamlFiles))]
    public void EveryYamlFile_Parses(string file)
    {
        var documents = Load(file);
        Assert.NotEmpty(documents);
        Assert.All(documents, d => Assert.IsType<YamlMappingNode>(d.RootNode));
    }

    [Fact]
    public void Compose_EverySettingIsOneTheSiloReads_AndEveryReferenceResolves()
    {
        var compose = Mapping(Load("deploy/compose/compose.yaml").Single().RootNode);
        var services = Mapping(compose["services"]);
        var names = services.Children.Keys.Select(Text).ToHashSet();
        Assert.Superset(new HashSet<string> { "postgres", "migrate", "silo1", "silo2", "silo3", "console", "otel-collector", "prometheus", "jaeger" }, names);
        var secrets = Get(compose, "secrets") is YamlMappingNode s ? s.Children.Keys.Select(Text).ToHashSet() : [];

        foreach (var (name, node) in services.Children.Select(c => (Text(c.Key), Mapping(c.Value))))
        {
            foreach (var dependency in Get(node, "depends_on") is YamlMappingNode d ? d.Children.Keys.Select(Text) : [])
            {
                Assert.Contains(dependency, names);
            }

            var environment = Get(node, "environment") is YamlMappingNode e ? Mapping(e).Children.ToDictionary(c => Text(c.Key), c => Text(c.Value)) : [];
            var reads = name == "console" ? ConsoleSettingsBound : SettingsSections.Bound;
            foreach (var key in environment.Keys.Where(k => k.StartsWith("LingHuo__", StringComparison.Ordinal)))
            {
                Assert.True(IsKnownSetting(key, reads), $"{name}: {key} is not a setting it reads");
            }

            foreach (var secret in Get(node, "secrets") is YamlSequenceNode used ? used.Children.Select(Text) : [])
            {
                Assert.Contains(secret, secrets);
            }

            if (name == "console")
            {
                // The console calls a silo's gRPC port by the silo's host name, from the image built for it.
                var gateway = new Uri(environment["LingHuo__Console__Gateway"]);
                Assert.Contains(gateway.Host, names);
                Assert.Equal(Text(Mapping(Mapping(services[gateway.Host])["environment"])["LingHuo__Gateway__Port"]), gateway.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
                Assert.Equal("deploy/container/console.Dockerfile", Text(Mapping(node["build"])["dockerfile"]));
                Assert.Contains(environment["LingHuo__Console__DevelopmentApplicantKeySecretFile"], secrets.Select(x => "/run/secrets/" + x));
                continue;
            }

            if (!name.StartsWith("silo", StringComparison.Ordinal))
            {
                continue;
            }

            // A silo dials its peers by its host name, serves gRPC on the published port and sends telemetry to the collector.
            Assert.Equal(name, environment["LingHuo__Cluster__Host"]);
            Assert.Equal(name, Text(node["hostname"]));
            Assert.Contains(((YamlSequenceNode)node["ports"]).Children.Select(Text), p => p.EndsWith(":" + environment["LingHuo__Gateway__Port"], StringComparison.Ordinal));
            Assert.Contains("Host=postgres;", environment["LingHuo__Storage__ConnectionString"], StringComparison.Ordinal);
            Assert.Contains(new Uri(environment["OTEL_EXPORTER_OTLP_ENDPOINT"]).Host, names);
            Assert.Equal("deploy/container/Dockerfile", Text(Mapping(node["build"])["dockerfile"]));
        }

        // Prometheus scrapes every silo at the management port the silos are given.
        var scrape = Mapping(((YamlSequenceNode)Mapping(Load("deploy/compose/prometheus.yml").Single().RootNode)["scrape_configs"]).Children[0]);
        var targets = ((YamlSequenceNode)Mapping(((YamlSequenceNode)scrape["static_configs"]).Children[0])["targets"]).Children.Select(Text).ToList();
        var silos = names.Where(n => n.StartsWith("silo", StringComparison.Ordinal)).ToList();
        var managementPort = Text(Mapping(Mapping(services["silo1"])["environment"])["LingHuo__Management__Port"]);
        Assert.Equal(silos.Select(s => $"{s}:{managementPort}").Order(), targets.Order());
        Assert.True(File.Exists(Path.Combine(Deploy, "compose", "alerts.yml")));
    }

    [Fact]
    public void Kubernetes_ManifestsAreComplete_Consistent_AndUseOnlyKnownSettings()
    {
        var objects = Directory.EnumerateFiles(Path.Combine(Deploy, "k8s"), "*.yaml")
            .SelectMany(f => Load(Path.GetRelativePath(Root, f)))
            .Select(d => Mapping(d.RootNode))
            .ToList();
        Assert.All(objects, o =>
        {
            Assert.False(string.IsNullOrEmpty(Text(o["apiVersion"])));
            Assert.False(string.IsNullOrEmpty(Text(Mapping(o["metadata"])["name"])));
        });
        var byKind = objects.GroupBy(o => Text(o["kind"])).ToDictionary(g => g.Key, g => g.ToList());
        Assert.Superset(
            new HashSet<string> { "Deployment", "Service", "PodDisruptionBudget", "HorizontalPodAutoscaler", "Job", "ServiceAccount", "Role", "RoleBinding", "Secret", "NetworkPolicy", "Cluster", "ScheduledBackup" },
            byKind.Keys.ToHashSet());

        Assert.Equal(["linghuo-console", "linghuo-silo"], byKind["Deployment"].Select(Name).Order());
        var pods = byKind["Deployment"].ToDictionary(Name, d => Labels(Mapping(Mapping(Mapping(d["spec"])["template"])["metadata"])["labels"]).ToHashSet());
        foreach (var each in byKind["Deployment"])
        {
            Assert.Subset(pods[Name(each)], Labels(Mapping(Mapping(each["spec"])["selector"])["matchLabels"]).ToHashSet());
        }

        var deployment = byKind["Deployment"].Single(d => Name(d) == "linghuo-silo");
        var template = Mapping(Mapping(deployment["spec"])["template"]);
        var podLabels = Labels(Mapping(template["metadata"])["labels"]);
        Assert.True(podLabels.ContainsKey("orleans/serviceId") && podLabels.ContainsKey("orleans/clusterId"), "Orleans' Kubernetes hosting reads these labels");

        // Every Service and disruption budget selects the pods of one of the Deployments; the autoscaler scales the silos.
        foreach (var selector in byKind["Service"].Select(x => Mapping(x["spec"])["selector"])
                     .Concat(byKind["PodDisruptionBudget"].Select(x => Mapping(Mapping(x["spec"])["selector"])["matchLabels"])))
        {
            Assert.Contains(pods.Values, labels => Labels(selector).ToHashSet().IsSubsetOf(labels));
        }

        Assert.Equal(pods.Keys.Order(), byKind["PodDisruptionBudget"].Select(b => pods.Single(p => Labels(Mapping(Mapping(b["spec"])["selector"])["matchLabels"]).ToHashSet().IsSubsetOf(p.Value)).Key).Order());
        var target = Mapping(Mapping(Assert.Single(byKind["HorizontalPodAutoscaler"])["spec"])["scaleTargetRef"]);
        Assert.Equal(Name(deployment), Text(target["name"]));

        var pod = Mapping(template["spec"]);
        Assert.Contains(Text(pod["serviceAccountName"]), byKind["ServiceAccount"].Select(a => Text(Mapping(a["metadata"])["name"])));
        var container = Mapping(((YamlSequenceNode)pod["containers"]).Children.Single());
        var ports = ((YamlSequenceNode)container["ports"]).Children.Select(p => Mapping(p)).ToDictionary(p => Text(p["name"]), p => Text(p["containerPort"]));
        var environment = ((YamlSequenceNode)container["env"]).Children.Select(Mapping).ToDictionary(e => Text(e["name"]));
        foreach (var probe in new[] { "startupProbe", "readinessProbe", "livenessProbe" })
        {
            var get = Mapping(Mapping(container[probe])["httpGet"]);
            Assert.Contains(Text(get["port"]), ports.Keys);
            Assert.StartsWith("/health/", Text(get["path"]), StringComparison.Ordinal);
        }

        Assert.Equal(ports["management"], Text(environment["LingHuo__Management__Port"]["value"]));
        Assert.Equal(ports["grpc"], Text(environment["LingHuo__Gateway__Port"]["value"]));
        Assert.Superset(new HashSet<string> { "POD_NAME", "POD_NAMESPACE", "POD_IP", "ORLEANS_SERVICE_ID", "ORLEANS_CLUSTER_ID" }, environment.Keys.ToHashSet());
        Assert.All(environment.Keys.Where(k => k.StartsWith("LingHuo__", StringComparison.Ordinal)), k => Assert.True(IsKnownSetting(k, SettingsSections.Bound), $"{k} is not a setting the silo reads"));

        // The issuers' public keys it names are files of the ConfigMap mounted where it looks for them.
        var mounts = ((YamlSequenceNode)container["volumeMounts"]).Children.Select(Mapping).ToDictionary(m => Text(m["name"]), m => Text(m["mountPath"]));
        var volumes = ((YamlSequenceNode)pod["volumes"]).Children.Select(Mapping).Where(v => Get(v, "configMap") is not null).ToDictionary(v => Text(v["name"]), v => Text(Mapping(v["configMap"])["name"]));
        var configMaps = byKind["ConfigMap"].ToDictionary(c => Text(Mapping(c["metadata"])["name"]), c => Mapping(c["data"]).Children.Keys.Select(Text).ToHashSet());
        var keyFiles = environment.Where(e => e.Key.EndsWith("__PublicKeyFile", StringComparison.Ordinal)).Select(e => Text(e.Value["value"])).ToList();
        Assert.NotEmpty(keyFiles);
        foreach (var file in keyFiles)
        {
            var (volume, path) = mounts.Single(m => file.StartsWith(m.Value + "/", StringComparison.Ordinal));
            Assert.Contains(file[(path.Length + 1)..], configMaps[volumes[volume]]);
        }

        // Every secret a container asks for exists.
        var secrets = byKind["Secret"].ToDictionary(s => Text(Mapping(s["metadata"])["name"]), s => Mapping(s["stringData"]).Children.Keys.Select(Text).ToHashSet());
        var job = Mapping(Mapping(Mapping(Assert.Single(byKind["Job"])["spec"])["template"])["spec"]);
        var jobEnvironment = ((YamlSequenceNode)Mapping(((YamlSequenceNode)job["containers"]).Children.Single())["env"]).Children.Select(Mapping);
        foreach (var reference in environment.Values.Concat(jobEnvironment).Select(e => Get(e, "valueFrom")).OfType<YamlMappingNode>().Select(v => Get(v, "secretKeyRef")).OfType<YamlMappingNode>())
        {
            Assert.Contains(Text(reference["key"]), secrets[Text(reference["name"])]);
        }

        // The console: only settings it reads; the files it is told to read are on volumes it mounts, each of which
        // exists (a Secret, a claim); it calls the gateway through a Service of the silos on their gRPC port.
        var console = Mapping(Mapping(Mapping(byKind["Deployment"].Single(d => Name(d) == "linghuo-console")["spec"])["template"])["spec"]);
        var consoleContainer = Mapping(((YamlSequenceNode)console["containers"]).Children.Single());
        var consoleEnvironment = ((YamlSequenceNode)consoleContainer["env"]).Children.Select(Mapping).ToDictionary(e => Text(e["name"]), e => Text(e["value"]));
        Assert.All(consoleEnvironment.Keys.Where(k => k.StartsWith("LingHuo__", StringComparison.Ordinal)), k => Assert.True(IsKnownSetting(k, ConsoleSettingsBound), $"{k} is not a setting the console reads"));
        var consoleMounts = ((YamlSequenceNode)consoleContainer["volumeMounts"]).Children.Select(Mapping).ToDictionary(m => Text(m["name"]), m => Text(m["mountPath"]));
        foreach (var volume in ((YamlSequenceNode)console["volumes"]).Children.Select(Mapping))
        {
            Assert.True(Get(volume, "secret") is YamlMappingNode secret
                ? secrets.ContainsKey(Text(secret["secretName"]))
                : byKind["PersistentVolumeClaim"].Any(c => Name(c) == Text(Mapping(volume["persistentVolumeClaim"])["claimName"])), $"volume {Text(volume["name"])} refers to nothing");
        }

        foreach (var file in new[] { consoleEnvironment["LingHuo__Console__Oidc__ClientSecretFile"], consoleEnvironment["LingHuo__Console__DataProtectionKeysDirectory"] + "/" })
        {
            Assert.Contains(consoleMounts.Values, path => file.StartsWith(path + "/", StringComparison.Ordinal));
        }

        var gateway = new Uri(consoleEnvironment["LingHuo__Console__Gateway"]);
        var gatewayService = Mapping(byKind["Service"].Single(x => Name(x) == gateway.Host)["spec"]);
        Assert.Subset(podLabels.ToHashSet(), Labels(gatewayService["selector"]).ToHashSet());
        Assert.Contains(((YamlSequenceNode)gatewayService["ports"]).Children.Select(Mapping), p => Text(p["port"]) == gateway.Port.ToString(System.Globalization.CultureInfo.InvariantCulture) && Text(p["targetPort"]) == "grpc");
    }

    [Fact]
    public void TheNetworkPolicy_OpensExactlyThePortsTheSiloBinds_EachToItsOwnCallers_AndLetsItReachTheDatabase()
    {
        var objects = Directory.EnumerateFiles(Path.Combine(Deploy, "k8s"), "*.yaml").SelectMany(f => Load(Path.GetRelativePath(Root, f))).Select(d => Mapping(d.RootNode)).ToList();
        var deployment = objects.Single(o => Text(o["kind"]) == "Deployment" && Name(o) == "linghuo-silo");
        var template = Mapping(Mapping(deployment["spec"])["template"]);
        var podLabels = Labels(Mapping(template["metadata"])["labels"]);
        var container = Mapping(((YamlSequenceNode)Mapping(template["spec"])["containers"]).Children.Single());
        var environment = ((YamlSequenceNode)container["env"]).Children.Select(Mapping).Where(e => Get(e, "value") is not null).ToDictionary(e => Text(e["name"]), e => Text(e["value"]));
        var bound = new Dictionary<string, string>
        {
            ["gateway"] = environment["LingHuo__Gateway__Port"], ["web"] = environment["LingHuo__Gateway__WebPort"], ["management"] = environment["LingHuo__Management__Port"],
            ["silo"] = environment["LingHuo__Cluster__SiloPort"], ["orleans-gateway"] = environment["LingHuo__Cluster__GatewayPort"],
        };
        Assert.Equal(bound.Values.Order(), ((YamlSequenceNode)container["ports"]).Children.Select(p => Text(Mapping(p)["containerPort"])).Order());

        var policy = Mapping(objects.Single(o => Text(o["kind"]) == "NetworkPolicy" && Name(o) == "linghuo-silo")["spec"]);
        Assert.Subset(podLabels.ToHashSet(), Labels(Mapping(policy["podSelector"])["matchLabels"]).ToHashSet());
        Assert.Equal(["Egress", "Ingress"], ((YamlSequenceNode)policy["policyTypes"]).Children.Select(Text).Order());

        // Each ingress port: who may call it (a namespace by name, or pods by label).
        var callers = Callers(policy);
        Assert.Equal(bound.Values.Order(), callers.Keys.Order()); // every bound port has callers, no other port is open
        Assert.Equal(["namespace ingress-nginx", "pods app.kubernetes.io/name=linghuo-console"], callers[bound["gateway"]].Order());
        Assert.Equal(["namespace ingress-nginx"], callers[bound["web"]]);
        Assert.Equal(["namespace monitoring"], callers[bound["management"]]);
        var silos = $"pods app.kubernetes.io/name={podLabels["app.kubernetes.io/name"]}";
        Assert.Equal([silos], callers[bound["silo"]]);
        Assert.Equal([silos], callers[bound["orleans-gateway"]]);

        // Out: the other silos on their ports, the database on the connection string's port, and names.
        var egress = Egress(policy);
        Assert.Contains((silos, bound["silo"]), egress);
        Assert.Contains((silos, bound["orleans-gateway"]), egress);
        var secret = objects.Single(o => Text(o["kind"]) == "Secret" && Text(Mapping(o["metadata"])["name"]) == "linghuo");
        var database = new Npgsql.NpgsqlConnectionStringBuilder(Text(Mapping(secret["stringData"])["connection-string"]));
        var cluster = Text(Mapping(objects.Single(o => Text(o["kind"]) == "Cluster")["metadata"])["name"]);
        Assert.Equal($"{cluster}-rw", database.Host); // CloudNativePG's read-write service: always the primary
        var replicas = new Npgsql.NpgsqlConnectionStringBuilder(Text(Mapping(secret["stringData"])["read-only-connection-string"]));
        Assert.Equal($"{cluster}-ro", replicas.Host); // its read-only service: the replicas
        Assert.Equal((database.Port, database.Database), (replicas.Port, replicas.Database));
        Assert.Contains(($"pods cnpg.io/cluster={cluster}", database.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)), egress);
        Assert.Contains(egress, e => e.Port == "53");

        // The console: its one port from the ingress only; out to the silos' gRPC port, names and HTTPS (the provider).
        var console = objects.Single(o => Text(o["kind"]) == "Deployment" && Name(o) == "linghuo-console");
        var consoleTemplate = Mapping(Mapping(console["spec"])["template"]);
        var consolePolicy = Mapping(objects.Single(o => Text(o["kind"]) == "NetworkPolicy" && Name(o) == "linghuo-console")["spec"]);
        Assert.Subset(Labels(Mapping(consoleTemplate["metadata"])["labels"]).ToHashSet(), Labels(Mapping(consolePolicy["podSelector"])["matchLabels"]).ToHashSet());
        var consolePorts = ((YamlSequenceNode)Mapping(((YamlSequenceNode)Mapping(consoleTemplate["spec"])["containers"]).Children.Single())["ports"]).Children.Select(p => Text(Mapping(p)["containerPort"])).ToList();
        var consoleCallers = Callers(consolePolicy);
        Assert.Equal(consolePorts.Order(), consoleCallers.Keys.Order());
        Assert.All(consoleCallers.Values, c => Assert.Equal(["namespace ingress-nginx"], c));
        var consoleEgress = Egress(consolePolicy);
        Assert.Contains((silos, bound["gateway"]), consoleEgress);
        Assert.Equal(["443", "5080", "53"], consoleEgress.Select(e => e.Port).Distinct().Order());
    }

    // Each ingress port of a policy: who may call it.
    private static Dictionary<string, HashSet<string>> Callers(YamlMappingNode policy)
    {
        var callers = new Dictionary<string, HashSet<string>>();
        foreach (var rule in ((YamlSequenceNode)policy["ingress"]).Children.Select(Mapping))
        {
            var from = ((YamlSequenceNode)rule["from"]).Children.Select(Mapping).Select(Peer).ToList();
            foreach (var port in ((YamlSequenceNode)rule["ports"]).Children.Select(p => Text(Mapping(p)["port"])))
            {
                callers.TryAdd(port, []);
                callers[port].UnionWith(from);
            }
        }

        return callers;
    }

    // Each (peer, port) a policy lets its pods reach.
    private static HashSet<(string Peer, string Port)> Egress(YamlMappingNode policy) =>
        ((YamlSequenceNode)policy["egress"]).Children.Select(Mapping)
            .SelectMany(r => ((YamlSequenceNode)r["to"]).Children.Select(Mapping).Select(Peer).SelectMany(peer => ((YamlSequenceNode)r["ports"]).Children.Select(p => (Peer: peer, Port: Text(Mapping(p)["port"])))))
            .ToHashSet();

    // A peer of a rule as one readable string: "namespace monitoring", "pods app=x", "cidr 10.0.0.1/32".
    private static string Peer(YamlMappingNode peer) =>
        Get(peer, "ipBlock") is YamlMappingNode block ? "cidr " + Text(block["cidr"])
        : string.Join(" ", new[]
        {
            Get(peer, "namespaceSelector") is YamlMappingNode ns ? "namespace " + Labels(ns["matchLabels"])["kubernetes.io/metadata.name"] : null,
            Get(peer, "podSelector") is YamlMappingNode pods ? "pods " + string.Join(",", Labels(pods["matchLabels"]).Select(l => $"{l.Key}={l.Value}")) : null,
        }.OfType<string>());

    [Theory]
    [InlineData("Dockerfile", "src/LingHuo.Silo/LingHuo.Silo.csproj", "LingHuo.Silo.dll")]
    [InlineData("console.Dockerfile", "src/LingHuo.Console/LingHuo.Console.csproj", "LingHuo.Console.dll")]
    public void Dockerfile_StagesResolve_RestoreSeesEveryProject_AndTheImageRunsUnprivileged(string dockerfile, string project, string entry)
    {
        var lines = File.ReadAllLines(Path.Combine(Deploy, "container", dockerfile))
            .Where(l => !l.TrimStart().StartsWith('#') && l.Trim().Length > 0)
            .ToList();
        var stages = new List<string>();
        foreach (var line in lines)
        {
            if (FromLine().Match(line) is { Success: true } from)
            {
                stages.Add(from.Groups["stage"].Value);
            }
            else if (CopyFromLine().Match(line) is { Success: true } copyFrom)
            {
                Assert.Contains(copyFrom.Groups["stage"].Value, stages);
            }
            else if (line.StartsWith("COPY ", StringComparison.Ordinal))
            {
                var sources = line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..^1];
                Assert.All(sources, s => Assert.True(File.Exists(Path.Combine(Root, s)) || Directory.Exists(Path.Combine(Root, s)), $"COPY source {s} does not exist"));
            }
        }

        Assert.Equal(["build", "runtime"], stages);

        // The restore layer copies every project the silo depends on; otherwise restore misses one and the build fails.
        var copied = lines.Where(l => l.StartsWith("COPY src/", StringComparison.Ordinal) && l.Contains(".csproj", StringComparison.Ordinal))
            .Select(l => l.Split(' ')[1]).ToHashSet();
        Assert.Equal(ProjectClosure(project).Order(), copied.Order());

        var final = lines.SkipWhile(l => !l.StartsWith("FROM mcr.microsoft.com/dotnet/aspnet", StringComparison.Ordinal)).ToList();
        Assert.Contains(final, l => l.StartsWith("USER ", StringComparison.Ordinal) && !l.Contains("root", StringComparison.Ordinal));
        Assert.Contains(final, l => l.StartsWith($"ENTRYPOINT [\"dotnet\", \"{entry}\"]", StringComparison.Ordinal));
        var exposed = final.Single(l => l.StartsWith("EXPOSE ", StringComparison.Ordinal)).Split(' ')[1..].ToHashSet();
        var settings = final.SkipWhile(l => !l.StartsWith("ENV ", StringComparison.Ordinal)).TakeWhile(l => !l.StartsWith("EXPOSE", StringComparison.Ordinal))
            .Select(l => l.Replace("ENV ", "", StringComparison.Ordinal).Trim().TrimEnd('\\').Trim())
            .Select(l => l.Split('=')).ToDictionary(p => p[0], p => p[1]);
        Assert.All(settings.Keys.Where(k => k.StartsWith("LingHuo__", StringComparison.Ordinal)), k => Assert.True(IsKnownSetting(k, SettingsSections.Bound), $"{k} is not a setting the silo reads"));
        Assert.Superset(exposed, settings.Where(s => s.Key.EndsWith("Port", StringComparison.Ordinal) || s.Key.EndsWith("_PORTS", StringComparison.Ordinal)).Select(s => s.Value).ToHashSet());
    }

    [Theory]
    [InlineData("LingHuo__Storage__ConnectionString", true)]
    [InlineData("LingHuo__Cluster__Membership__ProbeTimeout", true)]
    [InlineData("LingHuo__Cases__DeadlineSweepInterval", true)]
    [InlineData("LingHuo__Applicants__KeySecret", true)]
    [InlineData("LingHuo__Storage__ConectionString", false)]
    [InlineData("LingHuo__Gateway__Hostname", false)]
    [InlineData("LingHuo__Nothing", false)]
    public void SettingsCheck_KnowsTheRealKeys_AndCatchesTypos(string key, bool known) => Assert.Equal(known, IsKnownSetting(key, SettingsSections.Bound));

    [Theory]
    [InlineData("LingHuo__Console__Oidc__ClientSecretFile", true)]
    [InlineData("LingHuo__Console__DataProtectionKeysDirectory", true)]
    [InlineData("LingHuo__Console__Oidc__ClientSecret", false)]
    [InlineData("LingHuo__Storage__ConnectionString", false)]
    public void SettingsCheck_KnowsTheConsolesKeys(string key, bool known) => Assert.Equal(known, IsKnownSetting(key, ConsoleSettingsBound));

    private static readonly Dictionary<string, Type> ConsoleSettingsBound = new() { [ConsoleSettings.Section] = typeof(ConsoleSettings) };

    // A key is known when each of its parts names a settable property of the type bound there (a list's index ends it).
    private static bool IsKnownSetting(string environmentKey, IReadOnlyDictionary<string, Type> bound)
    {
        var key = environmentKey.Replace("__", ":", StringComparison.Ordinal);
        if (bound == SettingsSections.Bound && SettingsSections.Values.Contains(key, StringComparer.OrdinalIgnoreCase))
        {
            return true;
        }

        var section = bound.Keys.Where(s => key.StartsWith(s + ":", StringComparison.OrdinalIgnoreCase)).MaxBy(s => s.Length);
        if (section is null)
        {
            return false;
        }

        var type = bound[section];
        foreach (var part in key[(section.Length + 1)..].Split(':'))
        {
            if (type.GetProperty(part, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase) is not { CanWrite: true } property)
            {
                return int.TryParse(part, out _) && type != typeof(string);
            }

            type = property.PropertyType;
            if (type == typeof(string) || type.IsValueType || type.IsGenericType)
            {
                return true;
            }
        }

        return true;
    }

    private static HashSet<string> ProjectClosure(string project)
    {
        var seen = new HashSet<string>();
        var pending = new Stack<string>([project]);
        while (pending.TryPop(out var next))
        {
            if (!seen.Add(next))
            {
                continue;
            }

            var directory = Path.GetDirectoryName(next)!;
            foreach (var reference in XDocument.Load(Path.Combine(Root, next)).Descendants("ProjectReference"))
            {
                pending.Push(Path.GetRelativePath(Root, Path.GetFullPath(Path.Combine(Root, directory, reference.Attribute("Include")!.Value))).Replace('\\', '/'));
            }
        }

        return seen;
    }

    private static List<YamlDocument> Load(string file)
    {
        using var reader = new StreamReader(Path.Combine(Root, file));
        var stream = new YamlStream();
        stream.Load(reader);
        return [.. stream.Documents];
    }

    /// <summary>A mapping with YAML merge keys (<c>&lt;&lt;: *anchor</c>) applied, as compose applies them.</summary>
    private static YamlMappingNode Mapping(YamlNode node)
    {
        var mapping = Assert.IsType<YamlMappingNode>(node);
        if (!mapping.Children.ContainsKey("<<"))
        {
            return mapping;
        }

        var merged = new YamlMappingNode();
        foreach (var (key, value) in Mapping(mapping["<<"]).Children)
        {
            merged.Children[key] = value;
        }

        foreach (var (key, value) in mapping.Children.Where(c => Text(c.Key) != "<<"))
        {
            merged.Children[key] = value is YamlMappingNode m && merged.Children.TryGetValue(key, out var inherited) && inherited is YamlMappingNode
                ? Mapping(m)
                : value;
        }

        return merged;
    }

    private static YamlNode? Get(YamlMappingNode mapping, string key) => mapping.Children.TryGetValue(key, out var value) ? value : null;

    private static Dictionary<string, string> Labels(YamlNode node) => Mapping(node).Children.ToDictionary(c => Text(c.Key), c => Text(c.Value));

    private static string Name(YamlMappingNode resource) => Text(Mapping(resource["metadata"])["name"]);

    private static string Text(YamlNode node) => Assert.IsType<YamlScalarNode>(node).Value ?? "";

    [GeneratedRegex(@"^FROM \S+ AS (?<stage>\w+)$")]
    private static partial Regex FromLine();

    [GeneratedRegex(@"^COPY --from=(?<stage>\w+) ")]
    private static partial Regex CopyFromLine();
}

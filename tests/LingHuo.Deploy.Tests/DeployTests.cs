using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;
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
        Assert.Superset(new HashSet<string> { "postgres", "migrate", "silo1", "silo2", "silo3", "otel-collector", "prometheus", "jaeger" }, names);

        foreach (var (name, node) in services.Children.Select(c => (Text(c.Key), Mapping(c.Value))))
        {
            foreach (var dependency in Get(node, "depends_on") is YamlMappingNode d ? d.Children.Keys.Select(Text) : [])
            {
                Assert.Contains(dependency, names);
            }

            var environment = Get(node, "environment") is YamlMappingNode e ? Mapping(e).Children.ToDictionary(c => Text(c.Key), c => Text(c.Value)) : [];
            foreach (var key in environment.Keys.Where(k => k.StartsWith("LingHuo__", StringComparison.Ordinal)))
            {
                Assert.True(IsKnownSetting(key), $"{name}: {key} is not a setting the silo reads");
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

        var deployment = Assert.Single(byKind["Deployment"]);
        var template = Mapping(Mapping(deployment["spec"])["template"]);
        var podLabels = Labels(Mapping(template["metadata"])["labels"]);
        Assert.True(podLabels.ContainsKey("orleans/serviceId") && podLabels.ContainsKey("orleans/clusterId"), "Orleans' Kubernetes hosting reads these labels");
        Assert.Subset(podLabels.ToHashSet(), Labels(Mapping(Mapping(deployment["spec"])["selector"])["matchLabels"]).ToHashSet());

        // Services, the disruption budget and the autoscaler all select or target the silo pods.
        foreach (var service in byKind["Service"])
        {
            Assert.Subset(podLabels.ToHashSet(), Labels(Mapping(service["spec"])["selector"]).ToHashSet());
        }

        Assert.Subset(podLabels.ToHashSet(), Labels(Mapping(Mapping(Assert.Single(byKind["PodDisruptionBudget"])["spec"])["selector"])["matchLabels"]).ToHashSet());
        var target = Mapping(Mapping(Assert.Single(byKind["HorizontalPodAutoscaler"])["spec"])["scaleTargetRef"]);
        Assert.Equal(Text(Mapping(deployment["metadata"])["name"]), Text(target["name"]));

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
        Assert.All(environment.Keys.Where(k => k.StartsWith("LingHuo__", StringComparison.Ordinal)), k => Assert.True(IsKnownSetting(k), $"{k} is not a setting the silo reads"));

        // The issuers' public keys it names are files of the ConfigMap mounted where it looks for them.
        var mounts = ((YamlSequenceNode)container["volumeMounts"]).Children.Select(Mapping).ToDictionary(m => Text(m["name"]), m => Text(m["mountPath"]));
        var volumes = ((YamlSequenceNode)pod["volumes"]).Children.Select(Mapping).ToDictionary(v => Text(v["name"]), v => Text(Mapping(v["configMap"])["name"]));
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
    }

    [Fact]
    public void TheNetworkPolicy_OpensExactlyThePortsTheSiloBinds_EachToItsOwnCallers_AndLetsItReachTheDatabase()
    {
        var objects = Directory.EnumerateFiles(Path.Combine(Deploy, "k8s"), "*.yaml").SelectMany(f => Load(Path.GetRelativePath(Root, f))).Select(d => Mapping(d.RootNode)).ToList();
        var deployment = objects.Single(o => Text(o["kind"]) == "Deployment");
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

        var policy = Mapping(Assert.Single(objects, o => Text(o["kind"]) == "NetworkPolicy")["spec"]);
        Assert.Subset(podLabels.ToHashSet(), Labels(Mapping(policy["podSelector"])["matchLabels"]).ToHashSet());
        Assert.Equal(["Egress", "Ingress"], ((YamlSequenceNode)policy["policyTypes"]).Children.Select(Text).Order());

        // Each ingress port: who may call it (a namespace by name, or pods by label).
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

        Assert.Equal(bound.Values.Order(), callers.Keys.Order()); // every bound port has callers, no other port is open
        Assert.Equal(["namespace ingress-nginx"], callers[bound["gateway"]]);
        Assert.Equal(["namespace ingress-nginx"], callers[bound["web"]]);
        Assert.Equal(["namespace monitoring"], callers[bound["management"]]);
        var silos = $"pods app.kubernetes.io/name={podLabels["app.kubernetes.io/name"]}";
        Assert.Equal([silos], callers[bound["silo"]]);
        Assert.Equal([silos], callers[bound["orleans-gateway"]]);

        // Out: the other silos on their ports, the database on the connection string's port, and names.
        var egress = ((YamlSequenceNode)policy["egress"]).Children.Select(Mapping)
            .SelectMany(r => ((YamlSequenceNode)r["to"]).Children.Select(Mapping).Select(Peer).SelectMany(peer => ((YamlSequenceNode)r["ports"]).Children.Select(p => (Peer: peer, Port: Text(Mapping(p)["port"])))))
            .ToHashSet();
        Assert.Contains((silos, bound["silo"]), egress);
        Assert.Contains((silos, bound["orleans-gateway"]), egress);
        var secret = objects.Single(o => Text(o["kind"]) == "Secret" && Text(Mapping(o["metadata"])["name"]) == "linghuo");
        var database = new Npgsql.NpgsqlConnectionStringBuilder(Text(Mapping(secret["stringData"])["connection-string"]));
        var cluster = Text(Mapping(objects.Single(o => Text(o["kind"]) == "Cluster")["metadata"])["name"]);
        Assert.Equal($"{cluster}-rw", database.Host); // CloudNativePG's read-write service: always the primary
        Assert.Contains(($"pods cnpg.io/cluster={cluster}", database.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)), egress);
        Assert.Contains(egress, e => e.Port == "53");
    }

    // A peer of a rule as one readable string: "namespace monitoring", "pods app=x", "cidr 10.0.0.1/32".
    private static string Peer(YamlMappingNode peer) =>
        Get(peer, "ipBlock") is YamlMappingNode block ? "cidr " + Text(block["cidr"])
        : string.Join(" ", new[]
        {
            Get(peer, "namespaceSelector") is YamlMappingNode ns ? "namespace " + Labels(ns["matchLabels"])["kubernetes.io/metadata.name"] : null,
            Get(peer, "podSelector") is YamlMappingNode pods ? "pods " + string.Join(",", Labels(pods["matchLabels"]).Select(l => $"{l.Key}={l.Value}")) : null,
        }.OfType<string>());

    [Fact]
    public void Dockerfile_StagesResolve_RestoreSeesEveryProject_AndTheImageRunsUnprivileged()
    {
        var lines = File.ReadAllLines(Path.Combine(Deploy, "container", "Dockerfile"))
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
        Assert.Equal(ProjectClosure("src/LingHuo.Silo/LingHuo.Silo.csproj").Order(), copied.Order());

        var final = lines.SkipWhile(l => !l.StartsWith("FROM mcr.microsoft.com/dotnet/aspnet", StringComparison.Ordinal)).ToList();
        Assert.Contains(final, l => l.StartsWith("USER ", StringComparison.Ordinal) && !l.Contains("root", StringComparison.Ordinal));
        Assert.Contains(final, l => l.StartsWith("ENTRYPOINT [\"dotnet\", \"LingHuo.Silo.dll\"]", StringComparison.Ordinal));
        var exposed = final.Single(l => l.StartsWith("EXPOSE ", StringComparison.Ordinal)).Split(' ')[1..].ToHashSet();
        var settings = final.SkipWhile(l => !l.StartsWith("ENV ", StringComparison.Ordinal)).TakeWhile(l => !l.StartsWith("EXPOSE", StringComparison.Ordinal))
            .Select(l => l.Replace("ENV ", "", StringComparison.Ordinal).Trim().TrimEnd('\\').Trim())
            .Select(l => l.Split('=')).ToDictionary(p => p[0], p => p[1]);
        Assert.All(settings.Keys.Where(k => k.StartsWith("LingHuo__", StringComparison.Ordinal)), k => Assert.True(IsKnownSetting(k), $"{k} is not a setting the silo reads"));
        Assert.Superset(exposed, settings.Where(s => s.Key.EndsWith("Port", StringComparison.Ordinal)).Select(s => s.Value).ToHashSet());
    }

    [Theory]
    [InlineData("LingHuo__Storage__ConnectionString", true)]
    [InlineData("LingHuo__Cluster__Membership__ProbeTimeout", true)]
    [InlineData("LingHuo__Cases__DeadlineSweepInterval", true)]
    [InlineData("LingHuo__Applicants__KeySecret", true)]
    [InlineData("LingHuo__Storage__ConectionString", false)]
    [InlineData("LingHuo__Gateway__Hostname", false)]
    [InlineData("LingHuo__Nothing", false)]
    public void SettingsCheck_KnowsTheRealKeys_AndCatchesTypos(string key, bool known) => Assert.Equal(known, IsKnownSetting(key));

    private static bool IsKnownSetting(string environmentKey)
    {
        var key = environmentKey.Replace("__", ":", StringComparison.Ordinal);
        if (SettingsSections.Values.Contains(key, StringComparer.OrdinalIgnoreCase))
        {
            return true;
        }

        var section = SettingsSections.Bound.Keys.Where(s => key.StartsWith(s + ":", StringComparison.OrdinalIgnoreCase)).MaxBy(s => s.Length);
        if (section is null)
        {
            return false;
        }

        var property = key[(section.Length + 1)..].Split(':')[0];
        return SettingsSections.Bound[section].GetProperty(property, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase) is { CanWrite: true };
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

    private static string Text(YamlNode node) => Assert.IsType<YamlScalarNode>(node).Value ?? "";

    [GeneratedRegex(@"^FROM \S+ AS (?<stage>\w+)$")]
    private static partial Regex FromLine();

    [GeneratedRegex(@"^COPY --from=(?<stage>\w+) ")]
    private static partial Regex CopyFromLine();
}

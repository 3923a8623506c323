using System.Net;
using k8s.Models;

namespace Deploy.Tests;

/// <summary>
/// The NetworkPolicies allow exactly the flows of docs/architecture.md ("Network flows"): every
/// connection between the platform's pods and their neighbours is computed from the rendered
/// policies, the way a cluster enforces them, and compared with the table below.
/// </summary>
public sealed class NetworkPolicyTests
{
    private const string Platform = "platform";

    private static readonly (string Protocol, int Port)[] Ports =
        [("TCP", 8080), ("TCP", 80), ("TCP", 5432), ("TCP", 5672), ("TCP", 5671), ("TCP", 6379), ("UDP", 53), ("TCP", 53), ("TCP", 443), ("TCP", 22)];

    private static readonly string[] Infrastructure = ["postgresql", "rabbitmq", "redis"];

    [Test]
    public void Policies_AllowExactlyTheDocumentedFlows()
    {
        var manifests = Manifests.Render("base");
        var policies = manifests.All<V1NetworkPolicy>().ToList();
        var endpoints = EndpointsOf(manifests);

        var allowed = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var from in endpoints)
        {
            foreach (var to in endpoints.Where(e => e != from && (e.Namespace == Platform || from.Namespace == Platform)))
            {
                foreach (var (protocol, port) in Ports)
                {
                    if (Allows(policies, from, to, protocol, port, egress: true) && Allows(policies, to, from, protocol, port, egress: false))
                    {
                        allowed.Add(Flow(from.Name, to.Name, protocol, port));
                    }
                }
            }
        }

        Assert.That(allowed, Is.EquivalentTo(ExpectedFlows(manifests)));
    }

    /// <summary>docs/architecture.md, "Network flows", in the cluster's ports.</summary>
    private static SortedSet<string> ExpectedFlows(Manifests manifests)
    {
        var expected = new SortedSet<string>(StringComparer.Ordinal) { Flow("ingress-controller", "gateway", "TCP", 8080), Flow("gateway", "redis", "TCP", 6379) };
        foreach (var service in Repo.Services)
        {
            expected.Add(Flow("gateway", service, "TCP", 8080));
            if (service != "identity")
            {
                expected.Add(Flow(service, "identity", "TCP", 8080));
            }
        }

        expected.Add(Flow("deals", "marketdata", "TCP", 8080));
        expected.Add(Flow("portfolio", "marketdata", "TCP", 8080));
        // Services and their migration Jobs reach the data tier; portfolio and loans their S3 store.
        foreach (var pod in Repo.Services.Concat(Repo.Services.Select(s => $"{s}-migrate")))
        {
            expected.UnionWith([Flow(pod, "postgresql", "TCP", 5432), Flow(pod, "rabbitmq", "TCP", 5672), Flow(pod, "rabbitmq", "TCP", 5671), Flow(pod, "redis", "TCP", 6379)]);
        }

        expected.Add(Flow("portfolio", "s3-endpoint", "TCP", 443));
        expected.Add(Flow("loans", "s3-endpoint", "TCP", 443));
        foreach (var pod in PodsOf(manifests))
        {
            expected.UnionWith([Flow(pod.Name, "kube-dns", "UDP", 53), Flow(pod.Name, "kube-dns", "TCP", 53)]);
        }

        return expected;
    }

    private static string Flow(string from, string to, string protocol, int port) => $"{from} -> {to} {protocol}/{port}";

    private sealed record Endpoint(string Name, string Namespace, IDictionary<string, string>? Labels, IPAddress? Address = null);

    private static List<Endpoint> PodsOf(Manifests manifests) =>
        manifests.All<V1Deployment>().Select(d => new Endpoint(d.Metadata.Name, Platform, d.Spec.Template.Metadata.Labels))
            .Concat(manifests.All<V1Job>().Select(j => new Endpoint(j.Metadata.Name, Platform, j.Spec.Template.Metadata.Labels)))
            .ToList();

    private static List<Endpoint> EndpointsOf(Manifests manifests) =>
    [
        .. PodsOf(manifests),
        new("ingress-controller", "ingress-nginx", new Dictionary<string, string> { ["app.kubernetes.io/name"] = "ingress-nginx" }),
        .. Infrastructure.Select(name => new Endpoint(name, "platform-data", new Dictionary<string, string> { ["app.kubernetes.io/name"] = name })),
        new("other-data-pod", "platform-data", new Dictionary<string, string> { ["app.kubernetes.io/name"] = "mongodb" }),
        new("kube-dns", "kube-system", new Dictionary<string, string> { ["k8s-app"] = "kube-dns" }),
        new("other-namespace-pod", "default", new Dictionary<string, string> { ["app.kubernetes.io/name"] = "gateway" }),
        new("s3-endpoint", "", null, IPAddress.Parse("52.219.170.1")),
        new("private-host", "", null, IPAddress.Parse("10.20.30.40")),
    ];

    /// <summary>Whether <paramref name="pod"/>'s policies let it send to (egress) or receive from (ingress) <paramref name="peer"/>.</summary>
    private static bool Allows(List<V1NetworkPolicy> policies, Endpoint pod, Endpoint peer, string protocol, int port, bool egress)
    {
        if (pod.Namespace != Platform)
        {
            return true;
        }

        var type = egress ? "Egress" : "Ingress";
        var selecting = policies.Where(p => p.Spec.PolicyTypes.Contains(type) && Matches(p.Spec.PodSelector, pod.Labels)).ToList();
        if (selecting.Count == 0)
        {
            return true;
        }

        return selecting.Any(p => egress
            ? (p.Spec.Egress ?? []).Any(rule => PeersMatch(rule.To, peer) && PortsMatch(rule.Ports, protocol, port))
            : (p.Spec.Ingress ?? []).Any(rule => PeersMatch(rule.FromProperty, peer) && PortsMatch(rule.Ports, protocol, port)));
    }

    private static bool PeersMatch(IList<V1NetworkPolicyPeer>? peers, Endpoint peer) =>
        peers is null || peers.Count == 0 || peers.Any(p => PeerMatches(p, peer));

    private static bool PeerMatches(V1NetworkPolicyPeer rule, Endpoint peer)
    {
        if (rule.IpBlock is { } block)
        {
            return peer.Address is { } address && InCidr(address, block.Cidr) && !(block.Except ?? []).Any(e => InCidr(address, e));
        }

        if (peer.Labels is null)
        {
            return false;
        }

        var namespaceOk = rule.NamespaceSelector is null
            ? peer.Namespace == Platform
            : Matches(rule.NamespaceSelector, new Dictionary<string, string> { ["kubernetes.io/metadata.name"] = peer.Namespace });
        return namespaceOk && (rule.PodSelector is null || Matches(rule.PodSelector, peer.Labels));
    }

    private static bool PortsMatch(IList<V1NetworkPolicyPort>? ports, string protocol, int port) =>
        ports is null || ports.Count == 0 || ports.Any(p =>
        {
            Assert.That(int.TryParse(p.Port?.Value, out _) || p.Port is null, Is.True, $"named port {p.Port?.Value}: use numbers in policies");
            var number = p.Port is null ? (int?)null : int.Parse(p.Port.Value, System.Globalization.CultureInfo.InvariantCulture);
            return (p.Protocol ?? "TCP") == protocol && (number is null || (p.EndPort is { } end ? port >= number && port <= end : port == number));
        });

    private static bool Matches(V1LabelSelector? selector, IDictionary<string, string>? labels)
    {
        labels ??= new Dictionary<string, string>();
        if (selector is null)
        {
            return true;
        }

        return (selector.MatchLabels ?? new Dictionary<string, string>()).All(kv => labels.TryGetValue(kv.Key, out var v) && v == kv.Value)
            && (selector.MatchExpressions ?? []).All(e => e.OperatorProperty switch
            {
                "In" => labels.TryGetValue(e.Key, out var v) && e.Values.Contains(v),
                "NotIn" => !labels.TryGetValue(e.Key, out var v) || !e.Values.Contains(v),
                "Exists" => labels.ContainsKey(e.Key),
                "DoesNotExist" => !labels.ContainsKey(e.Key),
                _ => throw new InvalidDataException($"operator {e.OperatorProperty}"),
            });
    }

    private static bool InCidr(IPAddress address, string cidr)
    {
        var network = IPNetwork.Parse(cidr);
        return network.Contains(address);
    }
}

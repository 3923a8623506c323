using k8s;
using k8s.Models;

namespace Deploy.Tests;

/// <summary>
/// Rendered kustomizations as Kubernetes API objects. Reading is strict: a field the API does not
/// have, a value of the wrong type or a kind/apiVersion it does not know throws: the schema check of
/// the manifests. (The models do not mark required fields; the tests check the ones that matter.)
/// </summary>
internal sealed class Manifests
{
    private Manifests(IReadOnlyList<IKubernetesObject> objects) => Objects = objects;

    public IReadOnlyList<IKubernetesObject> Objects { get; }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Manifests> Rendered = new(StringComparer.Ordinal);

    /// <summary>A kustomization under deploy/k8s, rendered and read once per test run.</summary>
    public static Manifests Render(string kustomization) =>
        Rendered.GetOrAdd(kustomization, static dir => new Manifests(Parse(Kubectl.Kustomize(dir))));

    public static IReadOnlyList<IKubernetesObject> Parse(string yaml)
    {
        var objects = KubernetesYaml.LoadAllFromString(yaml, typeMap: null, strict: true);
        return objects.Cast<IKubernetesObject>().ToList();
    }

    public IEnumerable<T> All<T>() => Objects.OfType<T>();

    public T? Find<T>(string name)
        where T : class, IMetadata<V1ObjectMeta> =>
        Objects.OfType<T>().SingleOrDefault(o => o.Metadata.Name == name);

    public T Get<T>(string name)
        where T : class, IMetadata<V1ObjectMeta> =>
        Find<T>(name) ?? throw new AssertionException($"no {typeof(T).Name} named {name}");

    public V1ConfigMap ConfigOf(string deployable) => Get<V1ConfigMap>($"{deployable}-config");

    /// <summary>Every environment variable a container gets: its ConfigMaps' keys and its own env names.</summary>
    public IReadOnlyCollection<string> EnvironmentOf(V1Container container)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var source in container.EnvFrom ?? [])
        {
            if (source.ConfigMapRef is { } map && Find<V1ConfigMap>(map.Name) is { Data: { } data })
            {
                names.UnionWith(data.Keys);
            }
        }

        names.UnionWith((container.Env ?? []).Select(e => e.Name));
        return names;
    }

    /// <summary>The secret keys a container reads, as (Secret name, key).</summary>
    public static IEnumerable<(string Secret, string Key)> SecretRefsOf(V1Container container) =>
        (container.Env ?? []).Where(e => e.ValueFrom?.SecretKeyRef is not null)
            .Select(e => (e.ValueFrom.SecretKeyRef.Name, e.ValueFrom.SecretKeyRef.Key));
}

using System.Globalization;
using Npgsql;

namespace Platform.Testing;

/// <summary>
/// A second PostgreSQL server of its own on a free port (<c>deploy/ops/pg-cluster.sh</c>), with the
/// shared one's superuser and password, under the run directory; stopped and deleted afterwards. For
/// tests of a service on a server of its own, or a restore into another cluster.
/// </summary>
public sealed class LocalPostgresCluster : IAsyncDisposable
{
    private const string Script = "deploy/ops/pg-cluster.sh";

    private LocalPostgresCluster(string directory, int port)
    {
        Directory = directory;
        Port = port;
    }

    /// <summary>Loopback only, as pg-cluster.sh listens.</summary>
    public string Host { get; } = "127.0.0.1";

    public int Port { get; }

    public string Directory { get; }

    public static async Task<LocalPostgresCluster> StartAsync(string name)
    {
        var directory = Path.Combine(TestEnvironment.RunDirectory, "clusters", $"{name}-{Guid.NewGuid():N}"[..(name.Length + 13)]);
        var cluster = new LocalPostgresCluster(directory, TestPorts.Next());
        await RepoScript.RunOkAsync(Script, ["start", directory, cluster.Port.ToString(CultureInfo.InvariantCulture)], timeout: TimeSpan.FromSeconds(90));
        return cluster;
    }

    /// <summary>The superuser on one of its databases, without pooling (administration only).</summary>
    public string SuperuserConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder
        {
            Host = Host,
            Port = Port,
            Database = database,
            Username = TestEnvironment.Get("PLATFORM_PG_SUPERUSER"),
            Password = TestEnvironment.Get("PLATFORM_PG_SUPERPASSWORD"),
            Pooling = false,
        }.ConnectionString;

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await RepoScript.RunOkAsync(Script, ["stop", Directory]);
        System.IO.Directory.Delete(Directory, recursive: true);
    }
}

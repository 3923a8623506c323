namespace Platform.Testing;

/// <summary>
/// Where the real servers of the local infrastructure are. Tests use their own database, vhost and
/// Redis database on those servers, so they never touch what <c>make run</c> serves. <c>make test</c> exports the values; when a
/// test runs from an IDE they are read from the files <c>deploy/local/up.sh</c> wrote under <c>.run/</c>.
/// </summary>
public static class TestEnvironment
{
    private static readonly Lazy<IReadOnlyDictionary<string, string>> Values = new(Load);

    public static string RepoRoot { get; } = FindRepoRoot();

    public static string Get(string name) =>
        Values.Value.TryGetValue(name, out var value) && value.Length > 0
            ? value
            : throw new InvalidOperationException($"{name} is not set: start the local infrastructure with 'make infra' (deploy/local/up.sh).");

    public static string PostgresConnectionString(string service) =>
        $"Host={Get("PLATFORM_PG_HOST")};Port={Get("PLATFORM_PG_PORT")};Database={Get("PLATFORM_PG_TEST_DATABASE")};" +
        $"Username={service}_svc;Password={Get("PLATFORM_DB_PASSWORD_" + service.ToUpperInvariant())};Maximum Pool Size=20";

    /// <summary>The superuser on the test database, for shared building blocks' tests that create a schema of their own.</summary>
    public static string PostgresTestSuperuserConnectionString =>
        $"Host={Get("PLATFORM_PG_HOST")};Port={Get("PLATFORM_PG_PORT")};Database={Get("PLATFORM_PG_TEST_DATABASE")};" +
        $"Username={Get("PLATFORM_PG_SUPERUSER")};Password={Get("PLATFORM_PG_SUPERPASSWORD")};Maximum Pool Size=30";

    public static string RabbitMqConnectionString =>
        $"amqp://{Uri.EscapeDataString(Get("PLATFORM_RABBITMQ_USER"))}:{Uri.EscapeDataString(Get("PLATFORM_RABBITMQ_PASSWORD"))}@" +
        $"{Get("PLATFORM_RABBITMQ_HOST")}:{Get("PLATFORM_RABBITMQ_PORT")}/{Uri.EscapeDataString(Get("PLATFORM_RABBITMQ_TEST_VHOST"))}";

    public static string RedisConnectionString => $"{Get("PLATFORM_REDIS_HOST")}:{Get("PLATFORM_REDIS_PORT")},defaultDatabase=1";

    public static string RedisHost => Get("PLATFORM_REDIS_HOST");

    public static int RedisPort => int.Parse(Get("PLATFORM_REDIS_PORT"), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The tests' Redis database reached through a local port, such as a <see cref="TcpProxy"/>'s.</summary>
    public static string RedisConnectionStringThrough(int port) => $"127.0.0.1:{port},defaultDatabase=1";

    /// <summary>Identity's key-encryption passphrase for the keys stored in the test database.</summary>
    public static string IdentityKeyPassphrase => Get("PLATFORM_IDENTITY_KEY_PASSPHRASE");

    private static Dictionary<string, string> Load()
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in new[] { "secrets.env", "infra.env" })
        {
            var path = Path.Combine(RunDirectory, file);
            if (!File.Exists(path))
            {
                continue;
            }

            foreach (var raw in File.ReadAllLines(path))
            {
                var line = raw.Trim();
                if (line.Length == 0 || line[0] == '#')
                {
                    continue;
                }

                if (line.StartsWith("export ", StringComparison.Ordinal))
                {
                    line = line[7..];
                }

                var equals = line.IndexOf('=', StringComparison.Ordinal);
                if (equals > 0)
                {
                    values[line[..equals]] = line[(equals + 1)..].Trim('\'', '"');
                }
            }
        }

        foreach (var key in values.Keys.ToList())
        {
            if (Environment.GetEnvironmentVariable(key) is { Length: > 0 } fromEnvironment)
            {
                values[key] = fromEnvironment;
            }
        }

        foreach (var name in new[] { "PLATFORM_IDENTITY_KEY_PASSPHRASE" })
        {
            if (!values.ContainsKey(name) && Environment.GetEnvironmentVariable(name) is { Length: > 0 } value)
            {
                values[name] = value;
            }
        }

        return values;
    }

    /// <summary>The run directory (<c>.run/</c> unless <c>PLATFORM_RUN_DIR</c> names another).</summary>
    public static string RunDirectory =>
        Environment.GetEnvironmentVariable("PLATFORM_RUN_DIR") is { Length: > 0 } dir ? dir : Path.Combine(RepoRoot, ".run");

    private static string FindRepoRoot()
    {
        if (Environment.GetEnvironmentVariable("PLATFORM_REPO_ROOT") is { Length: > 0 } root)
        {
            return root;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Platform.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Cannot find the repository root (Platform.sln) above the test binaries.");
    }
}

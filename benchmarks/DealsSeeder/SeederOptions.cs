using System.Globalization;

namespace DealsSeeder;

internal sealed record SeederOptions(
    int Count, string ConnectionString, bool Truncate, int Seed, DateOnly Today, double DeletedPercent, bool Vacuum)
{
    private const string Usage = """
        usage: DealsSeeder [--count N] [--connection "<npgsql connection string>"] [--truncate]
                           [--seed N] [--today yyyy-MM-dd] [--deleted-percent P] [--no-vacuum]
          --count N            deals to insert (default 100000)
          --connection S       Npgsql connection string (default: env ConnectionStrings__Postgres)
          --truncate           remove rows an earlier run seeded (created_by = 'deals-seeder') first
          --seed N             random seed (default 20261121): same options, same rows
          --today D            the reference date: announcements span the ten years before it (default 2026-11-21)
          --deleted-percent P  share of rows soft-deleted (default 1)
          --no-vacuum          skip the final VACUUM (ANALYZE)
        """;

    /// <summary>The parsed options, or null after printing the usage (to stderr, with the reason, unless <paramref name="help"/>).</summary>
    public static SeederOptions? Parse(string[] args, out bool help)
    {
        help = false;
        var count = 100_000;
        var connection = Environment.GetEnvironmentVariable("ConnectionStrings__Postgres");
        var truncate = false;
        var seed = 20261121;
        var today = new DateOnly(2026, 11, 21);
        var deletedPercent = 1.0;
        var vacuum = true;

        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new FormatException($"{args[i]} needs a value");
            try
            {
                switch (args[i])
                {
                    case "--count":
                        count = int.Parse(Value(), CultureInfo.InvariantCulture);
                        break;
                    case "--connection":
                        connection = Value();
                        break;
                    case "--truncate":
                        truncate = true;
                        break;
                    case "--seed":
                        seed = int.Parse(Value(), CultureInfo.InvariantCulture);
                        break;
                    case "--today":
                        today = DateOnly.ParseExact(Value(), "yyyy-MM-dd", CultureInfo.InvariantCulture);
                        break;
                    case "--deleted-percent":
                        deletedPercent = double.Parse(Value(), CultureInfo.InvariantCulture);
                        break;
                    case "--no-vacuum":
                        vacuum = false;
                        break;
                    case "-h" or "--help":
                        Console.WriteLine(Usage);
                        help = true;
                        return null;
                    default:
                        throw new FormatException($"unknown argument {args[i]}");
                }
            }
            catch (FormatException e)
            {
                Console.Error.WriteLine($"{e.Message}\n{Usage}");
                return null;
            }
        }

        string? problem = count < 1 ? "--count must be at least 1"
            : deletedPercent is < 0 or > 100 ? "--deleted-percent must be between 0 and 100"
            : string.IsNullOrWhiteSpace(connection) ? "no connection string: pass --connection or set ConnectionStrings__Postgres"
            : null;
        if (problem is not null)
        {
            Console.Error.WriteLine($"{problem}\n{Usage}");
            return null;
        }

        return new SeederOptions(count, connection!, truncate, seed, today, deletedPercent, vacuum);
    }
}

using System.Globalization;

namespace MarketDataBench;

internal sealed record BenchOptions(string Mode, string ConnectionString, int Symbols, DateOnly From, DateOnly To, int Runs, int BatchSymbols)
{
    private const string Usage = """
        usage: MarketDataBench ingest|explain --connection "<npgsql connection string>" [--symbols 500]
                               [--from 2015-01-01] [--to 2024-12-31] [--runs 3] [--batch-symbols 0]
          ingest            per run: partitions created (timed alone), then BarStore.UpsertAsync with
                            (a) everything in one call, (c) the same again, (d) every close changed,
                            (b) after a TRUNCATE, one call per symbol (or per --batch-symbols symbols)
          explain           one COPY through BarStore, then EXPLAIN (ANALYZE, BUFFERS) of its upsert over the
                            same staging rows, into an empty table and into one already holding them (rolled back)
          --connection S    marketdata_svc on a scratch database: its marketdata schema is migrated and
                            written (default: env ConnectionStrings__Postgres). Never the service's own database.
          --symbols N       synthetic symbols B0001… (default 500)
          --from/--to D     the bars' window (default 2015-01-01 to 2024-12-31: ten years)
          --runs N          repetitions of the ingest cycle (default 3)
          --batch-symbols N (b) with N symbols per call instead of one (default 0: one symbol per call)
        """;

    public static BenchOptions? Parse(string[] args)
    {
        if (args.Length == 0 || args[0] is not ("ingest" or "explain"))
        {
            Console.Error.WriteLine(Usage);
            return null;
        }

        var connection = Environment.GetEnvironmentVariable("ConnectionStrings__Postgres");
        int symbols = 500, runs = 3, batch = 0;
        DateOnly from = new(2015, 1, 1), to = new(2024, 12, 31);
        for (var i = 1; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[++i] : "";
            switch (args[i - 1])
            {
                case "--connection": connection = value; break;
                case "--symbols": symbols = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--from": from = DateOnly.ParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture); break;
                case "--to": to = DateOnly.ParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture); break;
                case "--runs": runs = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--batch-symbols": batch = int.Parse(value, CultureInfo.InvariantCulture); break;
                default:
                    Console.Error.WriteLine($"unknown argument {args[i - 1]}\n{Usage}");
                    return null;
            }
        }

        if (string.IsNullOrWhiteSpace(connection) || symbols is < 1 or > 9999 || runs < 1 || from > to)
        {
            Console.Error.WriteLine($"need a connection, 1-9999 symbols, at least one run and from <= to\n{Usage}");
            return null;
        }

        return new BenchOptions(args[0], connection, symbols, from, to, runs, batch);
    }
}

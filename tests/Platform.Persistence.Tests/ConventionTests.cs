using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Platform.SharedKernel;

namespace Platform.Persistence.Tests;

public sealed class ConventionTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 21, 9, 0, 0, TimeSpan.Zero);
    private readonly TestClock _clock = new(Start);
    private NpgsqlConnection _connection = null!;
    private Func<ICurrentUser, WidgetsDb> _open = null!;
    private readonly TestUser _ada = new("ada", "req-ada-1");

    [SetUp]
    public async Task CreateTables() => (_connection, _open) = await WidgetsDb.CreateAsync(_clock);

    [TearDown]
    public async Task DropTables() => await _connection.DisposeAsync();

    private async Task<Widget> SeedAsync(string name = "Gizmo")
    {
        await using var db = _open(_ada);
        var widget = Widget.Create(name, 12.5m);
        widget.ApiSecret = "s3cret-value";
        db.Widgets.Add(widget);
        await db.SaveChangesAsync();
        return widget;
    }

    [Test]
    public async Task Enums_AreStoredAsTheApiSpellsThem_AndReadBack()
    {
        var widget = await SeedAsync();
        await using (var db = _open(_ada))
        {
            var tracked = await db.Widgets.SingleAsync(w => w.Id == widget.Id);
            tracked.Finish = WidgetFinish.MatteBlack;
            await db.SaveChangesAsync();
        }

        await using var command = new NpgsqlCommand("SELECT finish FROM pg_temp.widgets WHERE id = @id", _connection);
        command.Parameters.AddWithValue("id", widget.Id);
        var stored = (string?)await command.ExecuteScalarAsync();
        await using var read = _open(_ada);
        var matte = await read.Widgets.AsNoTracking().CountAsync(w => w.Id == widget.Id && w.Finish == WidgetFinish.MatteBlack);
        Assert.That(stored, Is.EqualTo("matteBlack"), "camelCase text, like the JSON");
        Assert.That(matte, Is.EqualTo(1), "queries compare in the same spelling");
    }

    [Test]
    public async Task Insert_StampsAuditColumns_AndWritesACreatedAuditRow()
    {
        var widget = await SeedAsync();

        await using var db = _open(_ada);
        var stored = await db.Widgets.AsNoTracking().SingleAsync(w => w.Id == widget.Id);
        var audit = await db.AuditLog.AsNoTracking().SingleAsync();
        var changes = JsonDocument.Parse(audit.Changes).RootElement;
        Assert.Multiple(() =>
        {
            Assert.That(stored.CreatedAt, Is.EqualTo(Start));
            Assert.That(stored.CreatedBy, Is.EqualTo("ada"));
            Assert.That(stored.UpdatedAt, Is.EqualTo(Start));
            Assert.That(stored.Version, Is.Not.Zero, "xmin is mapped");
            Assert.That(audit.Action, Is.EqualTo("created"));
            Assert.That(audit.EntityType, Is.EqualTo(nameof(Widget)));
            Assert.That(audit.EntityId, Is.EqualTo(widget.Id.ToString()));
            Assert.That(audit.Actor, Is.EqualTo("ada"));
            Assert.That(audit.RequestId, Is.EqualTo("req-ada-1"));
            Assert.That(changes.GetProperty("name").GetProperty("after").GetString(), Is.EqualTo("Gizmo"));
            Assert.That(changes.GetProperty("price").GetProperty("after").GetDecimal(), Is.EqualTo(12.5m));
            Assert.That(changes.GetProperty("apiSecret").GetProperty("after").GetString(), Is.EqualTo("***"));
            Assert.That(audit.Changes, Does.Not.Contain("s3cret"));
        });
    }

    [Test]
    public async Task Update_AuditsOnlyChangedFields_WithBeforeAndAfter()
    {
        var widget = await SeedAsync();
        _clock.Advance(TimeSpan.FromMinutes(5));

        await using (var db = _open(new TestUser("grace", "req-grace-7")))
        {
            var loaded = await db.Widgets.SingleAsync(w => w.Id == widget.Id);
            loaded.Price = 14m;
            await db.SaveChangesAsync();
        }

        await using var check = _open(_ada);
        var update = await check.AuditLog.AsNoTracking().SingleAsync(a => a.Action == "updated");
        var stored = await check.Widgets.AsNoTracking().SingleAsync(w => w.Id == widget.Id);
        var changes = JsonDocument.Parse(update.Changes).RootElement;
        Assert.Multiple(() =>
        {
            Assert.That(changes.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "price" }));
            Assert.That(changes.GetProperty("price").GetProperty("before").GetDecimal(), Is.EqualTo(12.5m));
            Assert.That(changes.GetProperty("price").GetProperty("after").GetDecimal(), Is.EqualTo(14m));
            Assert.That(update.Actor, Is.EqualTo("grace"));
            Assert.That(stored.UpdatedBy, Is.EqualTo("grace"));
            Assert.That(stored.UpdatedAt, Is.EqualTo(Start.AddMinutes(5)));
            Assert.That(stored.CreatedBy, Is.EqualTo("ada"));
        });
    }

    [Test]
    public async Task Delete_OfASoftDeletable_KeepsTheRowButHidesIt()
    {
        var widget = await SeedAsync();

        await using (var db = _open(_ada))
        {
            db.Widgets.Remove(await db.Widgets.SingleAsync(w => w.Id == widget.Id));
            await db.SaveChangesAsync();
        }

        await using var check = _open(_ada);
        Assert.Multiple(async () =>
        {
            Assert.That(await check.Widgets.AnyAsync(w => w.Id == widget.Id), Is.False, "hidden by the query filter");
            var row = await check.Widgets.IgnoreQueryFilters().SingleAsync(w => w.Id == widget.Id);
            Assert.That(row.DeletedAt, Is.EqualTo(Start));
            Assert.That(await check.AuditLog.CountAsync(a => a.Action == "deleted"), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task ConcurrentUpdates_TheSecondWriterGetsAConcurrencyConflict()
    {
        var widget = await SeedAsync();
        await using var first = _open(_ada);
        await using var second = _open(new TestUser("grace", null));
        var mine = await first.Widgets.SingleAsync(w => w.Id == widget.Id);
        var theirs = await second.Widgets.SingleAsync(w => w.Id == widget.Id);

        mine.Name = "Mine";
        await first.SaveChangesAsync();
        theirs.Name = "Theirs";

        Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync());
    }

    [TestCase("DeletedAt", "deleted_at")]
    [TestCase("AccessFailedCount", "access_failed_count")]
    [TestCase("HTTPStatus", "http_status")]
    [TestCase("Sha256Hash", "sha256_hash")]
    [TestCase("id", "id")]
    public void ToSnakeCase_ConvertsPascalCaseNames(string name, string expected) =>
        Assert.That(ModelConventions.ToSnakeCase(name), Is.EqualTo(expected));

    private sealed class TestClock(DateTimeOffset now) : TimeProvider
    {
        private DateTimeOffset _now = now;

        public void Advance(TimeSpan by) => _now += by;

        public override DateTimeOffset GetUtcNow() => _now;
    }
}

using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Platform.Storage.Tests;

/// <summary>The provider comes from configuration and a bad configuration stops the host from starting.</summary>
public sealed class StorageSetupTests
{
    private string _root = "";

    [SetUp]
    public void CreateRoot() => _root = Path.Combine(Path.GetTempPath(), "platform-storage-setup", Guid.NewGuid().ToString("N"));

    [TearDown]
    public void DeleteRoot()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Test]
    public async Task FileSystemProvider_StartsAndCreatesItsRoot()
    {
        using var host = Build(new() { ["Storage:Provider"] = "FileSystem", ["Storage:FileSystem:Root"] = _root });

        await host.StartAsync();

        Assert.Multiple(() =>
        {
            Assert.That(host.Services.GetRequiredService<IDocumentStore>(), Is.InstanceOf<FileSystemDocumentStore>());
            Assert.That(Directory.Exists(_root), Is.True);
        });
        await host.StopAsync();
    }

    [Test]
    public async Task S3Provider_IsChosenByConfiguration()
    {
        using var host = Build(new()
        {
            ["Storage:Provider"] = "S3",
            ["Storage:S3:Bucket"] = "documents",
            ["Storage:S3:ServiceUrl"] = "http://127.0.0.1:9",
            ["Storage:S3:ForcePathStyle"] = "true",
            ["Storage:S3:AccessKey"] = "key",
            ["Storage:S3:SecretKey"] = "secret",
        });

        await host.StartAsync();

        Assert.That(host.Services.GetRequiredService<IDocumentStore>(), Is.InstanceOf<S3DocumentStore>());
        await host.StopAsync();
    }

    [Test]
    public void FileSystemProvider_WithSeveralReplicasAndNoSharedVolume_FailsAtStartUp()
    {
        using var host = Build(new() { ["Storage:Provider"] = "FileSystem", ["Storage:FileSystem:Root"] = _root, ["Storage:Replicas"] = "3" });

        var failure = Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.That(failure!.Message, Does.Contain("more than one replica needs the S3 provider or a shared volume"));
    }

    [Test]
    public async Task FileSystemProvider_WithSeveralReplicasOnASharedVolume_Starts()
    {
        using var host = Build(new()
        {
            ["Storage:Provider"] = "FileSystem",
            ["Storage:FileSystem:Root"] = _root,
            ["Storage:FileSystem:Shared"] = "true",
            ["Storage:Replicas"] = "3",
        });

        await host.StartAsync();
        await host.StopAsync();
    }

    [TestCase("", "Storage:Provider is required")]
    [TestCase("FileSystem", "Storage:FileSystem:Root is required")]
    [TestCase("S3", "Storage:S3:Bucket is required")]
    public void MissingSettings_FailAtStartUp(string provider, string message)
    {
        using var host = Build(new() { ["Storage:Provider"] = provider });

        var failure = Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.That(failure!.Message, Does.Contain(message));
    }

    [Test]
    public void S3Provider_WithASmallerPartThanS3Allows_FailsAtStartUp()
    {
        using var host = Build(new() { ["Storage:Provider"] = "S3", ["Storage:S3:Bucket"] = "b", ["Storage:S3:PartSizeBytes"] = "1024" });

        var failure = Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.That(failure!.Message, Does.Contain("PartSizeBytes"));
    }

    private static IHost Build(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddLogging();
        builder.AddPlatformDocumentStore();
        return builder.Build();
    }
}

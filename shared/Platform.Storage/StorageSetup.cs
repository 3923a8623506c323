using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Platform.Storage;

public static class StorageSetup
{
    /// <summary>
    /// Registers the <see cref="IDocumentStore"/> that <c>Storage:Provider</c> names (FileSystem or S3).
    /// The options are validated when the host starts, so a missing bucket or an unsafe replica
    /// count stops the service at once instead of failing the first upload.
    /// </summary>
    public static TBuilder AddPlatformDocumentStore<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddOptions<StorageOptions>()
            .Bind(builder.Configuration.GetSection(StorageOptions.SectionName))
            .ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>());
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<IDocumentStore>(CreateStore);
        builder.Services.AddHostedService<StorageStartupLog>();
        return builder;
    }

    private static IDocumentStore CreateStore(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<StorageOptions>>().Value;
        var time = services.GetRequiredService<TimeProvider>();
        return options.Provider switch
        {
            StorageProvider.FileSystem => new FileSystemDocumentStore(options.FileSystem, time),
            StorageProvider.S3 => new S3DocumentStore(options.S3, time),
            _ => throw new InvalidOperationException($"{StorageOptions.SectionName}:Provider is not set."),
        };
    }
}

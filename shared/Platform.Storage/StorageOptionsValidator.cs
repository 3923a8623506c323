using Microsoft.Extensions.Options;

namespace Platform.Storage;

/// <summary>Checked at start-up, so a misconfigured store stops the service before it accepts a single upload.</summary>
internal sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        var failures = new List<string>();
        if (options.Provider is null)
        {
            failures.Add($"{StorageOptions.SectionName}:Provider is required: FileSystem or S3.");
        }

        if (options.Replicas < 1)
        {
            failures.Add($"{StorageOptions.SectionName}:Replicas must be at least 1.");
        }

        switch (options.Provider)
        {
            case StorageProvider.FileSystem:
                ValidateFileSystem(options, failures);
                break;
            case StorageProvider.S3:
                ValidateS3(options.S3, failures);
                break;
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateFileSystem(StorageOptions options, List<string> failures)
    {
        if (string.IsNullOrWhiteSpace(options.FileSystem.Root))
        {
            failures.Add($"{StorageOptions.SectionName}:FileSystem:Root is required with the FileSystem provider.");
        }

        if (options.Replicas > 1 && !options.FileSystem.Shared)
        {
            failures.Add(
                $"{StorageOptions.SectionName}:Replicas is {options.Replicas}: more than one replica needs the S3 provider " +
                $"or a shared volume ({StorageOptions.SectionName}:FileSystem:Shared=true); with a local directory each replica " +
                "would only see the documents it wrote itself.");
        }
    }

    private static void ValidateS3(S3StorageOptions s3, List<string> failures)
    {
        if (string.IsNullOrWhiteSpace(s3.Bucket))
        {
            failures.Add($"{StorageOptions.SectionName}:S3:Bucket is required with the S3 provider.");
        }

        if (!string.IsNullOrWhiteSpace(s3.ServiceUrl) &&
            (!Uri.TryCreate(s3.ServiceUrl, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps)))
        {
            failures.Add($"{StorageOptions.SectionName}:S3:ServiceUrl must be an absolute http(s) URL.");
        }

        if (string.IsNullOrWhiteSpace(s3.ServiceUrl) && string.IsNullOrWhiteSpace(s3.Region))
        {
            failures.Add($"{StorageOptions.SectionName}:S3:Region is required when no ServiceUrl is set.");
        }

        if (string.IsNullOrEmpty(s3.AccessKey) != string.IsNullOrEmpty(s3.SecretKey))
        {
            failures.Add($"{StorageOptions.SectionName}:S3:AccessKey and SecretKey go together: set both or neither.");
        }

        if (s3.PartSizeBytes < S3StorageOptions.MinPartSizeBytes)
        {
            failures.Add($"{StorageOptions.SectionName}:S3:PartSizeBytes must be at least {S3StorageOptions.MinPartSizeBytes} (the S3 minimum part size).");
        }
    }
}

using Platform.SharedKernel;

namespace Identity.Domain;

public static class UserSettingsErrors
{
    public static readonly Error NotAUser = Error.Forbidden("settings.not_a_user", "Settings belong to a signed-in user; this token names no user.");
    public static readonly Error Stale = Error.PreconditionFailed("settings.stale", "The settings have changed since you read them; reload them and try again.");
    public static readonly Error VersionRequired = Error.PreconditionRequired("settings.version_required",
        "Send If-Match with the ETag you read, so a concurrent change is not overwritten.");
}

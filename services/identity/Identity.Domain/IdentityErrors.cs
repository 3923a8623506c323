using Platform.SharedKernel;

namespace Identity.Domain;

public static class IdentityErrors
{
    public static readonly Error UserNotFound = Error.NotFound("user.not_found", "No user has this id.");
    public static readonly Error EmailTaken = Error.Conflict("user.email_taken", "An account with this email already exists.");
    public static readonly Error RegistrationClosed = Error.Forbidden("auth.registration_closed", "Self-registration is switched off; ask an administrator for an account.");
    public static readonly Error CannotDeactivateSelf = Error.Rule("user.cannot_deactivate_self", "Administrators cannot deactivate their own account.");
    public static readonly Error CannotDemoteSelf = Error.Rule("user.cannot_remove_own_admin", "Administrators cannot remove their own admin role.");
    public static readonly Error AlreadyDeactivated = Error.Rule("user.already_deactivated", "The account is already deactivated.");
    public static readonly Error InvalidCredentials = Error.Unauthorized("auth.invalid_credentials", "The email or password is incorrect.");
    public static readonly Error LockedOut = Error.Unauthorized("auth.locked_out", "Too many failed sign-in attempts: the account is locked for a while.");
    public static readonly Error InvalidRefreshToken = Error.Unauthorized("auth.invalid_refresh_token", "The refresh token is invalid, expired or revoked.");
    public static readonly Error SessionExpired = Error.Unauthorized("auth.session_expired", "The session reached its maximum age: sign in again.");

}

using Identity.Application.Tokens;
using MediatR;
using Platform.SharedKernel;

namespace Identity.Application.Keys;

/// <summary>Starts signing with a new key now; the previous one stays in the JWKS until its tokens have expired.</summary>
public sealed record RotateSigningKey : IRequest<Result<SigningKeyRotated>>;

public sealed record SigningKeyRotated(string ActiveKeyId);

internal sealed class RotateSigningKeyHandler(SigningKeyStore keys) : IRequestHandler<RotateSigningKey, Result<SigningKeyRotated>>
{
    public async Task<Result<SigningKeyRotated>> Handle(RotateSigningKey request, CancellationToken cancellationToken) =>
        new SigningKeyRotated(await keys.RotateAsync(cancellationToken));
}

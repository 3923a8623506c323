namespace Platform.Jobs.Tests;

public enum TestBehaviour
{
    Succeed,
    Throw,
    HangUntilCancelled,
}

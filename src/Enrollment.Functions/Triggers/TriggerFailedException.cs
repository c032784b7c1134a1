namespace Enrollment.Functions.Triggers;

/// <summary>
/// Thrown to Cognito when a trigger cannot answer safely (Create and pre token generation have no "no" to give).
/// Cognito fails the sign-in and shows the app this message, so it is fixed text that says nothing about the cause.
/// </summary>
public sealed class TriggerFailedException() : Exception(Text)
{
    public const string Text = "The sign-in could not be completed. Try again later.";
}

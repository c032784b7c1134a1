namespace Enrollment.Local.Template;

/// <summary>
/// A problem with template.yaml or with the values given for it. The message is meant for the person at the
/// terminal: it names the file, the resource or the property, and never carries a stack trace.
/// </summary>
public sealed class TemplateException(string message) : Exception(message);

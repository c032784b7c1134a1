namespace Enrollment.Bootstrap.Runtime;

/// <summary>A function on the managed runtime's Stream contract: the event in, the answer out.</summary>
public delegate Task<Stream> StreamFunction(Stream input);

using System.Reflection;

namespace Enrollment.Local.Hosting;

/// <summary>
/// A resolved handler: the type and the method the managed runtime would call. The contract here is the one the
/// functions use: one <see cref="Stream"/> parameter, returning <see cref="Stream"/> or <c>Task&lt;Stream&gt;</c>;
/// instance methods need a public parameterless constructor, static methods need none.
/// </summary>
public sealed class HandlerInvoker
{
    private readonly MethodInfo _method;

    private HandlerInvoker(HandlerReference handler, Type type, MethodInfo method)
    {
        Handler = handler;
        HandlerType = type;
        _method = method;
    }

    public HandlerReference Handler { get; }

    public Type HandlerType { get; }

    public bool IsStatic => _method.IsStatic;

    /// <summary>Finds the assembly, type and method; nothing is constructed yet.</summary>
    public static HandlerInvoker Resolve(HandlerReference handler, IReadOnlyList<string> probeDirectories)
    {
        var assembly = HandlerAssemblyLocator.Load(handler.AssemblyName, probeDirectories);
        var type = assembly.GetType(handler.TypeName, throwOnError: false, ignoreCase: false)
            ?? throw new HandlerResolutionException(
                $"Type '{handler.TypeName}' was not found in {handler.AssemblyName} ({assembly.Location}). " +
                "Check the Handler string in template.yaml, or build the project that declares the type.");

        var candidates = type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static)
            .Where(m => m.Name == handler.MethodName)
            .ToList();
        if (candidates.Count == 0)
            throw new HandlerResolutionException($"Method '{handler.MethodName}' was not found on {handler.TypeName} (public methods only).");

        var method = candidates.FirstOrDefault(IsSupported)
            ?? throw new HandlerResolutionException(
                $"{handler.TypeName}.{handler.MethodName} must take (Stream) and return Stream or Task<Stream>; found: " +
                string.Join("; ", candidates.Select(Describe)) + ".");

        if (!method.IsStatic && (type.IsAbstract || type.GetConstructor(Type.EmptyTypes) is null))
            throw new HandlerResolutionException($"{handler.TypeName} needs a public parameterless constructor (the production constructor).");

        return new HandlerInvoker(handler, type, method);
    }

    /// <summary>Runs the production constructor (null for a static handler). Its exceptions are the function's own.</summary>
    public object? CreateInstance()
    {
        if (_method.IsStatic) return null;
        try
        {
            return Activator.CreateInstance(HandlerType);
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex.InnerException).Throw();
            throw;
        }
    }

    public async Task<Stream> InvokeAsync(object? instance, Stream input)
    {
        var result = _method.Invoke(instance, BindingFlags.DoNotWrapExceptions, binder: null, [input], culture: null);
        var output = result switch
        {
            Task<Stream> task => await task.ConfigureAwait(false),
            Stream stream => stream,
            _ => null,
        };
        return output ?? throw new InvalidOperationException($"{Handler} returned no Stream.");
    }

    private static bool IsSupported(MethodInfo method)
    {
        var parameters = method.GetParameters();
        return parameters.Length == 1
            && parameters[0].ParameterType == typeof(Stream)
            && (method.ReturnType == typeof(Stream) || method.ReturnType == typeof(Task<Stream>))
            && !method.ContainsGenericParameters;
    }

    private static string Describe(MethodInfo method) =>
        $"{TypeName(method.ReturnType)} {method.Name}({string.Join(", ", method.GetParameters().Select(p => TypeName(p.ParameterType)))})";

    private static string TypeName(Type type) =>
        type.IsGenericType
            ? $"{type.Name[..type.Name.IndexOf('`')]}<{string.Join(", ", type.GetGenericArguments().Select(TypeName))}>"
            : type.Name;
}

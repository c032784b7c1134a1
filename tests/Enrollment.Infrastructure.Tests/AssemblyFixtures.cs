using Xunit;

using Enrollment.Testing;

// One moto_server for the whole assembly, stopped by its process when the run ends.
[assembly: AssemblyFixture(typeof(MotoFixture))]

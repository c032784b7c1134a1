using Enrollment.Testing;

// One moto_server for the whole assembly (MotoBackend and LifecycleStack each make their own tables and pools in it),
// stopped by its process id when the run ends.
[assembly: AssemblyFixture(typeof(MotoFixture))]

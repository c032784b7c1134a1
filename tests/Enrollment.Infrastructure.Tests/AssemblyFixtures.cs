using Xunit;

using Enrollment.Testing;

// One moto_server for the whole assembly (Cognito and every DynamoDB store test), stopped by its process id when the run ends.
[assembly: AssemblyFixture(typeof(MotoFixture))]

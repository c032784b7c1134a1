using Enrollment.Local.Cli;

return await LocalCli.RunAsync(args);

global using NUnit.Framework;
global using Platform.Testing;

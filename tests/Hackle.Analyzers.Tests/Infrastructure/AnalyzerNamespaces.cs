// The analyzers live in one namespace per rule family; every test may name any of them.
global using Hackle.Analyzers.Diagnostics;
global using Hackle.Analyzers.FlagKeys;
global using Hackle.Analyzers.Lifetime;
global using Hackle.Analyzers.Registration;

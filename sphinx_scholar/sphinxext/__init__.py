"""The only code that reads app/env/builder state: sources, incremental hooks, domain, assets."""
